package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CastFunctionsTest {
    private final FunctionQueries queries = new FunctionQueries();

    @Test
    void numbersFromText() {
        assertThat(queries.value("num(s)", Map.of("s", "42"))).isEqualTo(42.0);
        assertThat(queries.value("number(s)", Map.of("s", " 1.5e3 "))).isEqualTo(1500.0);
        assertThat(queries.value("toDouble(s)", Map.of("s", "-0.25"))).isEqualTo(-0.25);
        assertThat(queries.value("num(s)", Map.of("s", "abc"))).isNull();
        assertThat(queries.value("num(missing)")).isNull();
        assertThat(queries.value("num(s)", Map.of("s", "1e308"))).isEqualTo(1e308);
    }

    @Test
    void longsKeepEveryDigit() {
        assertThat(queries.value("toLong(s)", Map.of("s", "9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(queries.value("toLong(s)", Map.of("s", "-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        assertThat(queries.value("toLong(s)", Map.of("s", "1234567890123456789"))).isEqualTo(1234567890123456789L);
        assertThat(queries.value("toLong(s)", Map.of("s", "12.9"))).isEqualTo(12L);
        assertThat(queries.value("toLong(s)", Map.of("s", "-12.9"))).isEqualTo(-12L);
        assertThat(queries.value("toLong(s)", Map.of("s", "x"))).isNull();
    }

    @Test
    void toIntNarrowsLikeJava() {
        assertThat(queries.value("toInt(s)", Map.of("s", "7.8"))).isEqualTo(7L);
        assertThat(queries.value("toInt(s)", Map.of("s", "2147483648"))).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(queries.value("toInt(s)", Map.of("s", "1e20"))).isEqualTo((long) Integer.MAX_VALUE);
    }

    @Test
    void toStringPrintsWholeDoublesWithoutFraction() {
        assertThat(queries.value("toString(3.0)")).isEqualTo("3");
        assertThat(queries.value("toString(2.5)")).isEqualTo("2.5");
        assertThat(queries.value("toString(true)")).isEqualTo("true");
        assertThat(queries.value("toString(missing)")).isNull();
    }

    @Test
    void hexadecimal() {
        assertThat(queries.value("parseHex(s)", Map.of("s", "0x1F"))).isEqualTo(31L);
        assertThat(queries.value("parseHex(s)", Map.of("s", "ff"))).isEqualTo(255L);
        assertThat(queries.value("parseHex(s)", Map.of("s", "FFFFFFFFFFFFFFFF"))).isEqualTo(-1L);
        assertThat(queries.value("parseHex(s)", Map.of("s", "7FFFFFFFFFFFFFFF"))).isEqualTo(Long.MAX_VALUE);
        assertThat(queries.value("hexToDec(s)", Map.of("s", "8000000000000000"))).isEqualTo(Long.MIN_VALUE);
        assertThat(queries.value("parseHex(s)", Map.of("s", "10000000000000000"))).isNull();
        assertThat(queries.value("parseHex(s)", Map.of("s", "xyz"))).isNull();
        assertThat(queries.value("decToHex(s)", Map.of("s", "255"))).isEqualTo("FF");
        assertThat(queries.value("decToHex(s)", Map.of("s", "-1"))).isEqualTo("FFFFFFFFFFFFFFFF");
        assertThat(queries.value("decToHex(s)", Map.of("s", "-255"))).isEqualTo("FFFFFFFFFFFFFF01");
        assertThat(queries.value("decToHex(s)", Map.of("s", "9223372036854775807"))).isEqualTo("7FFFFFFFFFFFFFFF");
        assertThat(queries.value("decToHex(missing)")).isNull();
    }

    @Test
    void unaliasedCastWritesBackToItsField() {
        assertThat(queries.run("| toLong(n) | n + 1 as next", Map.of("n", "41")).rows().get(0))
                .contains(41L, 42L);
    }
}
