package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string functions of spec §2.1/§2.18. Arguments arrive evaluated; text is whatever {@link Values#toText} makes
 * of a value. Lengths and positions count Unicode code points, so a surrogate pair is one character and is never
 * split. Stateless.
 */
final class StringFunctions {
    private static final HexFormat HEX = HexFormat.of();

    private StringFunctions() {}

    static Object apply(Function function, Object[] arguments) {
        Object first = arguments[0];
        return switch (function) {
            case CONCAT -> concat(arguments);
            case FORMAT -> FormatTemplate.of(function, first).format(function, arguments);
            case SUBSTRING -> substring(function, arguments);
            case LENGTH -> first == null ? 0L : (long) codePointLength(Values.toText(first));
            case REPLACE -> replace(function, first, arguments[1], arguments[2]);
            case TO_LOWER_CASE -> first == null ? null : Values.toText(first).toLowerCase(Locale.ROOT);
            case TO_UPPER_CASE -> first == null ? null : Values.toText(first).toUpperCase(Locale.ROOT);
            case TRIM -> first == null ? null : Values.toText(first).trim();
            case URL_DECODE -> urlDecode(Values.toText(first));
            case URL_ENCODE -> first == null ? null : URLEncoder.encode(Values.toText(first), StandardCharsets.UTF_8);
            case BASE64_DECODE -> base64Decode(function, arguments);
            case BASE64_ENCODE -> first == null ? null : Base64.getEncoder().encodeToString(
                    Values.toText(first).getBytes(charset(function, arguments)));
            case HEX_TO_ASCII -> hexToText(Values.toText(first));
            case HASH -> hash(function, arguments);
            case TO_URL -> toUrl(arguments);
            case JSON_ARRAY_CONTAINS -> jsonArrayContains(first, Values.toText(arguments[1]));
            case JSON_ARRAY_SIZE -> first == null || !(JsonDocument.parse(Values.toText(first)) instanceof List<?> array)
                    ? -1L : (long) array.size();
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    private static String concat(Object[] arguments) {
        StringBuilder text = new StringBuilder();
        for (Object value : arguments) {
            if (value != null) {
                text.append(Values.toText(value));
            }
        }
        return text.toString();
    }

    private static int codePointLength(String text) {
        return text.codePointCount(0, text.length());
    }

    private static Object substring(Function function, Object[] arguments) {
        String text = Values.toText(arguments[0]);
        if (text == null) {
            return null;
        }
        int length = codePointLength(text);
        long start = position(function, arguments[1]);
        if (start < 0 || start >= length) {
            throw FunctionFailure.of(function, "start " + start + " is outside the text of length " + length, text);
        }
        long end = length;
        if (arguments.length > 2) {
            end = Math.min(position(function, arguments[2]), length);
            if (end < start) {
                throw FunctionFailure.of(function, "end " + end + " is before start " + start, text);
            }
        }
        int from = text.offsetByCodePoints(0, (int) start);
        int to = text.offsetByCodePoints(from, (int) (end - start));
        return text.substring(from, to);
    }

    private static long position(Function function, Object value) {
        Number number = Values.toNumber(value);
        if (number instanceof Long whole) {
            return whole;
        }
        if (number instanceof Double real && real == Math.rint(real) && Math.abs(real) < 1e18) {
            return real.longValue();
        }
        throw FunctionFailure.of(function, "a position must be a whole number", value);
    }

    private static Object replace(Function function, Object input, Object find, Object replacement) {
        String text = Values.toText(input);
        String with = Values.toText(replacement);
        if (text == null || find == null || with == null) {
            return null;
        }
        if (find instanceof Pattern pattern) {
            Matcher matcher = pattern.matcher(text);
            try {
                return matcher.replaceAll(with);
            } catch (IllegalArgumentException | IndexOutOfBoundsException badReplacement) {
                throw FunctionFailure.of(function, "invalid replacement (" + badReplacement.getMessage()
                        + "; write a literal $ as \\\\$)", with);
            }
        }
        return text.replace(Values.toText(find), with);
    }

    private static String urlDecode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static Object base64Decode(Function function, Object[] arguments) {
        String text = Values.toText(arguments[0]);
        if (text == null) {
            return null;
        }
        Charset charset = charset(function, arguments);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64) {
            return text;
        }
        return new String(bytes, charset);
    }

    private static Charset charset(Function function, Object[] arguments) {
        if (arguments.length < 2 || arguments[1] == null) {
            return StandardCharsets.UTF_8;
        }
        String name = Values.toText(arguments[1]);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw FunctionFailure.of(function, "unknown encoding", name);
        }
    }

    private static String hexToText(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() % 2 != 0 || !HexFormat.isHexDigit(digits.isEmpty() ? 'x' : digits.charAt(0))) {
            return text;
        }
        try {
            return new String(HEX.parseHex(digits), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notHex) {
            return text;
        }
    }

    private static Object hash(Function function, Object[] arguments) {
        String text = Values.toText(arguments[0]);
        if (text == null) {
            return null;
        }
        String algorithm = arguments.length > 1 ? Values.toText(arguments[1]) : "md5";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String javaName = switch (algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha2_256" -> "SHA-256";
            case "murmur3_128" -> null;
            default -> throw FunctionFailure.of(function, "unknown algorithm (md5, sha1, sha2_256, murmur3_128)",
                    algorithm);
        };
        if (javaName == null) {
            return HEX.formatHex(Murmur3.hash128(bytes));
        }
        try {
            return HEX.formatHex(MessageDigest.getInstance(javaName).digest(bytes));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK provides " + javaName, missing);
        }
    }

    private static String toUrl(Object[] arguments) {
        String url = Values.toText(arguments[0]);
        if (url == null) {
            return null;
        }
        String label = arguments[1] == null ? url : Values.toText(arguments[1]);
        StringBuilder link = new StringBuilder();
        if (arguments.length > 2 && arguments[2] != null) {
            link.append(Values.toText(arguments[2]));
        }
        link.append('[').append(label).append("](").append(url).append(')');
        if (arguments.length > 3 && arguments[3] != null) {
            link.append(Values.toText(arguments[3]));
        }
        return link.toString();
    }

    private static boolean jsonArrayContains(Object array, String wanted) {
        if (array == null || wanted == null || !(JsonDocument.parse(Values.toText(array)) instanceof List<?> items)) {
            return false;
        }
        for (Object item : items) {
            if (wanted.equals(JsonDocument.toFieldValue(item))) {
                return true;
            }
        }
        return false;
    }
}
