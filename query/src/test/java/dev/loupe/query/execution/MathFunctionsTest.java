package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {
    private final FunctionQueries queries = new FunctionQueries();

    private double number(String expression) {
        return ((Number) queries.value(expression)).doubleValue();
    }

    @Test
    void oneArgumentFunctionsAreJavaMath() {
        assertThat(number("acos(0.5)")).isEqualTo(Math.acos(0.5));
        assertThat(number("asin(0.5)")).isEqualTo(Math.asin(0.5));
        assertThat(number("atan(1)")).isEqualTo(Math.atan(1));
        assertThat(number("cbrt(27)")).isEqualTo(3.0);
        assertThat(number("cos(0)")).isEqualTo(1.0);
        assertThat(number("cosh(1)")).isEqualTo(Math.cosh(1));
        assertThat(number("exp(1)")).isEqualTo(Math.E);
        assertThat(number("expm1(1e-10)")).isEqualTo(Math.expm1(1e-10));
        assertThat(number("log(2.718281828459045)")).isEqualTo(1.0);
        assertThat(number("log10(1000)")).isEqualTo(3.0);
        assertThat(number("log1p(0)")).isEqualTo(0.0);
        assertThat(number("sin(0)")).isEqualTo(0.0);
        assertThat(number("sinh(1)")).isEqualTo(Math.sinh(1));
        assertThat(number("sqrt(16)")).isEqualTo(4.0);
        assertThat(number("tan(1)")).isEqualTo(Math.tan(1));
        assertThat(number("tanh(1)")).isEqualTo(Math.tanh(1));
        assertThat(number("toDegrees(3.141592653589793)")).isEqualTo(180.0);
        assertThat(number("toRadians(180)")).isEqualTo(Math.PI);
        assertThat(number("signum(-3)")).isEqualTo(-1.0);
        assertThat((Double) queries.value("sqrt(-1)")).isNaN();
        assertThat(queries.value("log(0)")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void twoArgumentFunctions() {
        assertThat(number("atan2(1, 1)")).isEqualTo(Math.PI / 4);
        assertThat(number("hypot(3, 4)")).isEqualTo(5.0);
        assertThat(number("pow(2, 10)")).isEqualTo(1024.0);
        assertThat(number("pow(2, 0.5)")).isEqualTo(Math.sqrt(2));
        assertThat(queries.value("min(3, 7)")).isEqualTo(3L);
        assertThat(queries.value("max(3, 7.5)")).isEqualTo(7.5);
        assertThat(queries.value("min((fps / 10 + 1) * 10, 70)", Map.of("fps", "87"))).isEqualTo(70.0);
    }

    @Test
    void absCeilFloorKeepTypes() {
        assertThat(queries.value("abs(-5)")).isEqualTo(5L);
        assertThat(queries.value("abs(-2.5)")).isEqualTo(2.5);
        assertThat(queries.value("abs(s)", Map.of("s", "-9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(queries.value("ceil(1.2)")).isEqualTo(2.0);
        assertThat(queries.value("floor(-1.2)")).isEqualTo(-2.0);
    }

    @Test
    void roundToIntegerOrDigits() {
        assertThat(queries.value("round(2.5)")).isEqualTo(3L);
        assertThat(queries.value("round(-2.5)")).isEqualTo(-2L);
        assertThat(queries.value("round(s)", Map.of("s", "9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(queries.value("round(1e308)")).isEqualTo(1e308);
        assertThat(queries.value("round(3.14159, 2)")).isEqualTo(3.14);
        assertThat(queries.value("round(1.005, 2)")).isEqualTo(1.01);
        assertThat(queries.value("round(1234.5, -2)")).isEqualTo(1200.0);
        assertThat(queries.value("round(missing)")).isNull();
        assertThat(queries.failure("round(1.5, 1.5)").getMessage()).contains("round()");
    }

    @Test
    void nonNumericInputGivesNull() {
        assertThat(queries.value("sqrt(s)", Map.of("s", "abc"))).isNull();
        assertThat(queries.value("pow(2, missing)")).isNull();
        assertThat(queries.value("sqrt(s)", Map.of("s", "16"))).isEqualTo(4.0);
    }

    @Test
    void haversineMatchesTheSpecExample() {
        assertThat(number("haversine(39.04380, -77.48790, 45.73723, -119.81143)")).isCloseTo(3512.71, within(0.01));
        assertThat(queries.value("haversine(a, b, a, b)")).isNull();
        assertThat(queries.value("haversine(1, 2, 1, 2)")).isEqualTo(0.0);
    }
}
