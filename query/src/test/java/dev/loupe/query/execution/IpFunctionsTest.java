package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IpFunctionsTest {
    private final FunctionQueries queries = new FunctionQueries();

    @Test
    void cidrPrefixAndMask() {
        assertThat(queries.value("getCIDRPrefix(\"10.10.1.35\", \"24\")")).isEqualTo("10.10.1.0");
        assertThat(queries.value("getCIDRPrefix(\"10.10.1.35\", 16)")).isEqualTo("10.10.0.0");
        assertThat(queries.value("getCIDRPrefix(\"10.10.1.35\", \"0\")")).isEqualTo("0.0.0.0");
        assertThat(queries.value("getCIDRPrefix(\"10.10.1.35\", \"32\")")).isEqualTo("10.10.1.35");
        assertThat(queries.value("getCIDRPrefix(\"bogus\", \"24\")")).isNull();
        assertThat(queries.value("maskFromCIDR(\"29\")")).isEqualTo("255.255.255.248");
        assertThat(queries.value("maskFromCIDR(\"0\")")).isEqualTo("0.0.0.0");
        assertThat(queries.value("maskFromCIDR(\"32\")")).isEqualTo("255.255.255.255");
        assertThat(queries.failure("maskFromCIDR(\"33\")").getMessage())
                .isEqualTo("maskFromCIDR(): the prefix length must be a whole number from 0 to 32: \"33\"");
    }

    @Test
    void compareCidrPrefix() {
        assertThat(queries.value("compareCIDRPrefix(\"10.10.1.32\", \"10.10.1.35\", \"27\")")).isEqualTo(true);
        assertThat(queries.value("compareCIDRPrefix(\"10.10.1.32\", \"10.10.1.65\", \"27\")")).isEqualTo(false);
        assertThat(queries.value("compareCIDRPrefix(\"2001:db8::1\", \"2001:db8::ffff\", \"64\")")).isEqualTo(true);
        assertThat(queries.value("compareCIDRPrefix(\"2001:db8::1\", \"2001:db9::1\", \"32\")")).isEqualTo(false);
        assertThat(queries.value("compareCIDRPrefix(a, \"10.0.0.1\", \"8\")")).isNull();
        assertThat(queries.run("| where compareCIDRPrefix(ip, \"10.0.0.0\", \"8\")", Map.of("ip", "10.9.9.9"))
                .rows()).hasSize(1);
    }

    @Test
    void ipv4ToNumber() {
        assertThat(queries.value("ipv4ToNumber(\"1.2.3.4\")")).isEqualTo(16_909_060L);
        assertThat(queries.value("ipv4ToNumber(\"255.255.255.255\")")).isEqualTo(4_294_967_295L);
        assertThat(queries.value("ipv4ToNumber(\"1.2.3\")")).isNull();
        assertThat(queries.value("ipv4ToNumber(missing)")).isNull();
    }
}
