package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.QueryResult;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicateFunctionsTest {
    private final FunctionQueries queries = new FunctionQueries();

    @Test
    void nullEmptyBlank() {
        Map<String, String> fields = Map.of("empty", "", "spaces", "   ", "text", "a");
        assertThat(queries.value("isNull(missing)", fields)).isEqualTo(true);
        assertThat(queries.value("isNull(empty)", fields)).isEqualTo(false);
        assertThat(queries.value("isEmpty(missing)", fields)).isEqualTo(true);
        assertThat(queries.value("isEmpty(empty)", fields)).isEqualTo(true);
        assertThat(queries.value("isEmpty(spaces)", fields)).isEqualTo(false);
        assertThat(queries.value("isBlank(spaces)", fields)).isEqualTo(true);
        assertThat(queries.value("isBlank(text)", fields)).isEqualTo(false);
    }

    @Test
    void isNumericFollowsJavaNumberSyntax() {
        for (String numeric : List.of("123", "-5", "+7", "1.5", ".5", "5.", "1e5", "1.5E-3", "0x1F", "0XFF", "123L",
                "07", "0", "1.5f", "2d", "9223372036854775807")) {
            assertThat(queries.value("isNumeric(s)", Map.of("s", numeric))).as(numeric).isEqualTo(true);
        }
        for (String other : List.of("09", "abc", "", " ", "1.2.3", "0x", "1e", "12a", " 1", "1L5", "--1")) {
            assertThat(queries.value("isNumeric(s)", Map.of("s", other))).as("'%s'", other).isEqualTo(false);
        }
        assertThat(queries.value("isNumeric(missing)")).isEqualTo(false);
        assertThat(queries.value("isNumeric(2 * 3)")).isEqualTo(true);
    }

    @Test
    void nanAndInfinity() {
        assertThat(queries.value("isNaN(0 / 0)")).isEqualTo(true);
        assertThat(queries.value("isNaN(1 / 0)")).isEqualTo(false);
        assertThat(queries.value("isInfinity(1 / 0)")).isEqualTo(true);
        assertThat(queries.value("isInfinity(-1 / 0)")).isEqualTo(true);
        assertThat(queries.value("isInfinity(1e308 * 10)")).isEqualTo(true);
        assertThat(queries.value("isInfinity(1e308)")).isEqualTo(false);
        assertThat(queries.value("isNaN(s)", Map.of("s", "NaN"))).isEqualTo(true);
        assertThat(queries.value("isNaN(s)", Map.of("s", "abc"))).isEqualTo(false);
        assertThat(queries.value("isNaN(missing)")).isNull();
        assertThat(queries.value("isInfinity(s)", Map.of("s", "  "))).isNull();
    }

    @Test
    void ipValidity() throws Exception {
        Map<String, Boolean> ipv4 = Map.of("1.2.3.4", true, "255.255.255.255", true, "0.0.0.0", true,
                "256.1.1.1", false, "1.2.3", false, "1.2.3.4.5", false, "01.2.3.4", false, "a.b.c.d", false,
                "1.2.3.4 ", false, "", false);
        for (Map.Entry<String, Boolean> entry : ipv4.entrySet()) {
            assertThat(queries.value("isValidIPv4(ip)", Map.of("ip", entry.getKey())))
                    .as(entry.getKey()).isEqualTo(entry.getValue());
        }
        List<String> validIpv6 = List.of("::", "::1", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8",
                "::ffff:192.168.1.1", "2001:DB8:0:0:8:800:200C:417A", "1::");
        for (String address : validIpv6) {
            assertThat(queries.value("isValidIPv6(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
            assertThat(queries.value("isValidIP(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
            byte[] independent = InetAddress.getByName(address).getAddress();
            if (independent.length == 16) {
                assertThat(IpAddresses.parseIpv6(address)).as(address).isEqualTo(independent);
            }
        }
        for (String address : List.of("1:2:3:4:5:6:7:8:9", "1::2::3", ":1", "1:", "12345::1", "g::1", "1.2.3.4",
                "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4")) {
            assertThat(queries.value("isValidIPv6(ip)", Map.of("ip", address))).as(address).isEqualTo(false);
        }
        assertThat(queries.value("isValidIP(ip)", Map.of("ip", "10.0.0.1"))).isEqualTo(true);
        assertThat(queries.value("isValidIP(missing)")).isEqualTo(false);
    }

    @Test
    void privatePublicAndReservedAgreeWithInetAddressWhereItHasAnAnswer() throws Exception {
        for (String address : List.of("10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1")) {
            assertThat(queries.value("isPrivateIP(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
            assertThat(InetAddress.getByName(address).isSiteLocalAddress()).isTrue();
            assertThat(queries.value("isPublicIP(ip)", Map.of("ip", address))).as(address).isEqualTo(false);
            assertThat(queries.value("isReservedIP(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
        }
        for (String address : List.of("172.32.0.1", "8.8.8.8", "11.0.0.1", "192.169.0.1")) {
            assertThat(queries.value("isPrivateIP(ip)", Map.of("ip", address))).as(address).isEqualTo(false);
            assertThat(InetAddress.getByName(address).isSiteLocalAddress()).isFalse();
        }
        for (String address : List.of("127.0.0.1", "169.254.1.1", "0.1.2.3", "192.0.2.5", "198.18.0.1",
                "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255",
                "192.88.99.1", "192.0.0.8")) {
            assertThat(queries.value("isReservedIP(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
            assertThat(queries.value("isPublicIP(ip)", Map.of("ip", address))).as(address).isEqualTo(false);
        }
        for (String address : List.of("8.8.8.8", "1.1.1.1", "198.20.0.1", "223.255.255.255")) {
            assertThat(queries.value("isReservedIP(ip)", Map.of("ip", address))).as(address).isEqualTo(false);
            assertThat(queries.value("isPublicIP(ip)", Map.of("ip", address))).as(address).isEqualTo(true);
        }
    }

    @Test
    void invalidAddressesDropTheRowInAssignmentsAndConditions() {
        assertThat(queries.run("| isPrivateIP(ip) as private", Map.of("ip", "not-an-ip")).rows()).isEmpty();
        assertThat(queries.run("| where !isPublicIP(ip)", Map.of("ip", "::1")).rows()).isEmpty();
        assertThat(queries.run("| if(isReservedIP(ip), 1, 0) as reserved", Map.of()).rows()).isEmpty();
        QueryResult kept = queries.run("| isPrivateIP(ip) as private", Map.of("ip", "10.0.0.1"));
        assertThat(kept.rows()).hasSize(1);
    }

    @Test
    void luhnChecksDigitsOnly() {
        assertThat(queries.value("luhn(s)", Map.of("s", "4111 1111 1111 1111"))).isEqualTo(true);
        assertThat(queries.value("luhn(s)", Map.of("s", "4111-1111-1111-1112"))).isEqualTo(false);
        assertThat(queries.value("luhn(s)", Map.of("s", "79927398713"))).isEqualTo(true);
        assertThat(queries.value("luhn(s)", Map.of("s", "no digits"))).isEqualTo(false);
        assertThat(queries.value("luhn(missing)")).isEqualTo(false);
    }

    @Test
    void containsIsCaseSensitiveWithTheEmptyRules() {
        assertThat(queries.value("contains(\"Hello\", \"ell\")")).isEqualTo(true);
        assertThat(queries.value("contains(\"Hello\", \"ELL\")")).isEqualTo(false);
        assertThat(queries.value("contains(\"\", \"\")")).isEqualTo(true);
        assertThat(queries.value("contains(\"a\", \"\")")).isEqualTo(false);
        assertThat(queries.value("contains(missing, \"a\")")).isEqualTo(false);
    }
}
