package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {
    private final FunctionQueries queries = new FunctionQueries();

    @Test
    void concatTreatsNullAsEmptyAndNumbersAsText() {
        assertThat(queries.value("concat(a, \"-\", missing, b)", Map.of("a", "x", "b", "2"))).isEqualTo("x-2");
        assertThat(queries.value("concat(1.5, 2)")).isEqualTo("1.52");
        assertThat(queries.failure("concat(\"a\")").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void formatCoercesParsedTextToTheConversion() {
        assertThat(queries.value("format(\"%s has %d items at %.2f\", name, count, price)",
                Map.of("name", "cart", "count", "42", "price", "3.14159"))).isEqualTo("cart has 42 items at 3.14");
        assertThat(queries.value("format(\"%05d|%x|%2$s\", 7, 255)")).isEqualTo("00007|ff|255");
        assertThat(queries.value("format(\"100%%\")")).isEqualTo("100%");
        assertThat(queries.failure("format(\"%s\", missing)").getMessage()).contains("format()", "null");
        assertThat(queries.failure("format(\"%d\", \"abc\")").getMessage()).contains("format()");
    }

    @Test
    void substringIsZeroBasedEndExclusiveAndCountsCodePoints() {
        assertThat(queries.value("substring(\"hello\", 1, 3)")).isEqualTo("el");
        assertThat(queries.value("substring(\"hello\", 2)")).isEqualTo("llo");
        assertThat(queries.value("substring(\"hello\", 0, 99)")).isEqualTo("hello");
        assertThat(queries.value("substring(s, 1, 2)", Map.of("s", "a😀b"))).isEqualTo("😀");
        assertThat(queries.value("length(s)", Map.of("s", "a😀b"))).isEqualTo(3L);
        assertThat(queries.value("substring(missing, 0, 1)")).isNull();
    }

    @Test
    void substringWithBadBoundsIsAnErrorNamingFunctionAndValue() {
        assertThat(queries.failure("substring(\"abc\", 3)").getMessage())
                .isEqualTo("substring(): start 3 is outside the text of length 3: \"abc\"");
        assertThat(queries.failure("substring(\"abc\", -1)").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(queries.failure("substring(\"abc\", 2, 1)").getMessage()).contains("end 1 is before start 2");
        assertThat(queries.failure("substring(\"\", 0)").getMessage()).contains("substring()");
        assertThat(queries.failure("substring(\"abc\", \"x\")").getMessage()).contains("whole number");
    }

    @Test
    void lengthOfNullIsZero() {
        assertThat(queries.value("length(missing)")).isEqualTo(0L);
        assertThat(queries.value("length(\"\")")).isEqualTo(0L);
        assertThat(queries.value("length(12345)")).isEqualTo(5L);
    }

    @Test
    void replaceLiteralAndRegexWithGroups() {
        assertThat(queries.value("replace(\"a.b.c\", \".\", \"-\")")).isEqualTo("a-b-c");
        assertThat(queries.value("replace(\"Aa\", \"a\", \"x\")")).isEqualTo("Ax");
        assertThat(queries.value("replace(\"user=bob id=7\", /(\\w+)=(\\w+)/, \"$2:$1\")")).isEqualTo("bob:user 7:id");
        assertThat(queries.value("replace(\"v12\", /(?<digits>\\d+)/, \"<${digits}>\")")).isEqualTo("v<12>");
        assertThat(queries.value("replace(\"abc\", /z/, \"y\")")).isEqualTo("abc");
        assertThat(queries.value("replace(\"$5\", /\\d/, \"\\\\$\")")).isEqualTo("$$");
        assertThat(queries.value("replace(missing, \"a\", \"b\")")).isNull();
        assertThat(queries.value("replace(\"a\", \"a\", missing)")).isNull();
        assertThat(queries.failure("replace(\"a1\", /\\d/, \"$9\")").getMessage()).contains("replace()");
    }

    @Test
    void caseAndTrim() {
        assertThat(queries.value("toLowerCase(\"ÀB\")")).isEqualTo("àb");
        assertThat(queries.value("toUpperCase(\"straße\")")).isEqualTo("STRASSE");
        assertThat(queries.value("trim(s)", Map.of("s", "  a b  "))).isEqualTo("a b");
        assertThat(queries.value("toUpperCase(missing)")).isNull();
    }

    @Test
    void urlEncodingRoundTrips() {
        assertThat(queries.value("urlencode(\"a b&c/d:e\")")).isEqualTo("a+b%26c%2Fd%3Ae");
        assertThat(queries.value("urldecode(\"a+b%26c%2Fd%3A%C3%A9\")")).isEqualTo("a b&c/d:é");
        assertThat(queries.value("urldecode(\"100%\")")).isEqualTo("100%");
        assertThat(queries.value("urldecode(missing)")).isNull();
    }

    @Test
    void base64WithCharsetsAndInvalidInputUnaltered() {
        assertThat(queries.value("base64Encode(\"héllo\")")).isEqualTo("aMOpbGxv");
        assertThat(queries.value("base64Decode(\"aMOpbGxv\")")).isEqualTo("héllo");
        assertThat(queries.value("base64Encode(\"hi\", \"UTF-16LE\")")).isEqualTo("aABpAA==");
        assertThat(queries.value("base64Decode(\"aABpAA==\", \"utf-16le\")")).isEqualTo("hi");
        assertThat(queries.value("base64Decode(\"not base64!\")")).isEqualTo("not base64!");
        assertThat(queries.failure("base64Encode(\"a\", \"NOPE-8\")").getMessage()).contains("unknown encoding");
    }

    @Test
    void hexToAscii() {
        assertThat(queries.value("hexToAscii(\"48656c6c6f\")")).isEqualTo("Hello");
        assertThat(queries.value("hexToAscii(\"0x4869\")")).isEqualTo("Hi");
        assertThat(queries.value("hexToAscii(\"xyz\")")).isEqualTo("xyz");
    }

    @Test
    void hashesMatchTheJdkAndKnownMurmur3Vectors() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog";
        Map<String, String> fields = Map.of("s", text);
        assertThat(queries.value("hash(s)", fields)).isEqualTo(digest("MD5", text));
        assertThat(queries.value("hash(s, \"md5\")", fields)).isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
        assertThat(queries.value("hash(s, \"sha1\")", fields)).isEqualTo(digest("SHA-1", text));
        assertThat(queries.value("hash(s, \"sha2_256\")", fields)).isEqualTo(digest("SHA-256", text));
        // Guava Hashing.murmur3_128().hashString(text, UTF_8).toString()
        assertThat(queries.value("hash(s, \"murmur3_128\")", fields)).isEqualTo("6c1b07bc7bbc4be347939ac4a93c437a");
        assertThat(queries.value("hash(\"\", \"murmur3_128\")")).isEqualTo("00000000000000000000000000000000");
        assertThat(queries.value("hash(missing)")).isNull();
        assertThat(queries.failure("hash(s, \"crc32\")", fields).getMessage()).contains("unknown algorithm");
    }

    private static String digest(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(
                StandardCharsets.UTF_8)));
    }

    @Test
    void tourlMakesALink() {
        assertThat(queries.value("tourl(\"https://x.io/a\", \"A\")")).isEqualTo("[A](https://x.io/a)");
        assertThat(queries.value("tourl(\"https://x.io\", \"X\", \"<\", \">\")")).isEqualTo("<[X](https://x.io)>");
    }

    @Test
    void jsonArrays() {
        Map<String, String> fields = Map.of("array", "[\"a\", 2, true, null]");
        assertThat(queries.value("jsonArrayContains(array, \"a\")", fields)).isEqualTo(true);
        assertThat(queries.value("jsonArrayContains(array, \"2\")", fields)).isEqualTo(true);
        assertThat(queries.value("jsonArrayContains(array, \"b\")", fields)).isEqualTo(false);
        assertThat(queries.value("jsonArraySize(array)", fields)).isEqualTo(4L);
        assertThat(queries.value("jsonArraySize(\"[]\")")).isEqualTo(0L);
        assertThat(queries.value("jsonArraySize(missing)")).isEqualTo(-1L);
        assertThat(queries.value("jsonArraySize(\"{}\")")).isEqualTo(-1L);
    }
}
