package dev.loupe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class LogPayloadDecoderTest {
    private static final long RECEIPT = 1_722_519_208_000L;
    private static final SourceMetadata METADATA =
            new SourceMetadata("aws/apigateway", "trail", "host-1", "http-source", "collector-1", Map.of("env", "dev"));
    private static final String BODY = "2024-08-01T10:00:00Z first\n{\"eventTime\":\"2024-08-01T11:00:00Z\"}\nno time here\n";

    private final LogPayloadDecoder decoder = new LogPayloadDecoder(IngestLimits.defaults());

    @Test
    void identity_splitsLinesAndStampsMetadata() {
        DecodedPayload payload = decode(BODY.getBytes(UTF_8), null);

        assertThat(payload.messages()).extracting(LogMessage::raw)
                .containsExactly("2024-08-01T10:00:00Z first", "{\"eventTime\":\"2024-08-01T11:00:00Z\"}", "no time here");
        assertThat(payload.messages()).extracting(LogMessage::messageTime)
                .containsExactly(1_722_506_400_000L, 1_722_510_000_000L, RECEIPT);
        LogMessage first = payload.messages().getFirst();
        assertThat(first.receiptTime()).isEqualTo(RECEIPT);
        assertThat(first.sourceCategory()).isEqualTo("aws/apigateway");
        assertThat(first.sourceName()).isEqualTo("trail");
        assertThat(first.sourceHost()).isEqualTo("host-1");
        assertThat(first.source()).isEqualTo("http-source");
        assertThat(first.collector()).isEqualTo("collector-1");
        assertThat(first.fields()).containsExactly(Map.entry("env", "dev"));
        assertThat(payload.rejected()).isEmpty();
        assertThat(payload.warnings()).isEmpty();
        assertThat(decode(BODY.getBytes(UTF_8), "identity").messages()).hasSize(3);
    }

    @Test
    void gzip_roundTrip() throws IOException {
        assertThat(raws(decode(gzip(BODY.getBytes(UTF_8)), "gzip"))).containsExactlyElementsOf(raws(decode(BODY.getBytes(UTF_8), null)));
        assertThat(decode(gzip(BODY.getBytes(UTF_8)), " GZIP ").messages()).hasSize(3);
    }

    @Test
    void gzip_concatenatedMembersAreAllRead() throws IOException {
        byte[] body = concatenate(gzip("one\ntwo\n".getBytes(UTF_8)), gzip("three\n".getBytes(UTF_8)));

        assertThat(raws(decode(body, "gzip"))).containsExactly("one", "two", "three");
    }

    @Test
    void deflate_zlibAndRawRoundTrip() throws IOException {
        assertThat(raws(decode(deflate(BODY.getBytes(UTF_8), false), "deflate"))).hasSize(3).first()
                .isEqualTo("2024-08-01T10:00:00Z first");
        assertThat(raws(decode(deflate(BODY.getBytes(UTF_8), true), "deflate"))).hasSize(3).last().isEqualTo("no time here");
    }

    @Test
    void emptyBody_isNoMessagesWhateverTheEncoding() {
        assertThat(decode(new byte[0], "gzip").messages()).isEmpty();
        assertThat(decode(new byte[0], "deflate").messages()).isEmpty();
        assertThat(decode(new byte[0], null).messages()).isEmpty();
    }

    @Test
    void unsupportedEncoding_isRejectedByName() {
        assertFailure(() -> decode(BODY.getBytes(UTF_8), "br"), ErrorCode.INVALID_ENCODING,
                "unsupported Content-Encoding 'br'; use gzip or deflate");
    }

    @Test
    void gzip_corruptTruncatedOrNotGzip_isInvalidEncoding() throws IOException {
        byte[] valid = gzip(sampleLines(2_000).getBytes(UTF_8));
        byte[] corrupt = valid.clone();
        for (int index = valid.length / 3; index < valid.length / 3 + 16; index++) {
            corrupt[index] = (byte) ~corrupt[index];
        }
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        byte[] garbageAfterHeader = concatenate(Arrays.copyOf(valid, 10), "this is not deflate data".getBytes(UTF_8));

        assertFailure(() -> decode(corrupt, "gzip"), ErrorCode.INVALID_ENCODING, "the gzip body is corrupt: ");
        assertFailure(() -> decode(truncated, "gzip"), ErrorCode.INVALID_ENCODING, "the gzip body is truncated");
        assertFailure(() -> decode(BODY.getBytes(UTF_8), "gzip"), ErrorCode.INVALID_ENCODING,
                "the body is not gzip data (it was sent with Content-Encoding: gzip)");
        assertFailure(() -> decode(garbageAfterHeader, "gzip"), ErrorCode.INVALID_ENCODING, "the gzip body is corrupt: ");
    }

    @Test
    void deflate_corruptOrTruncated_isInvalidEncoding() throws IOException {
        byte[] valid = deflate(sampleLines(2_000).getBytes(UTF_8), false);

        assertFailure(() -> decode(Arrays.copyOf(valid, valid.length / 2), "deflate"), ErrorCode.INVALID_ENCODING,
                "the deflate body is truncated");
        assertFailure(() -> decode(new byte[] {(byte) 0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, 1, 2, 3}, "deflate"),
                ErrorCode.INVALID_ENCODING, "the deflate body is corrupt: ");
    }

    @Test
    void decompressionBomb_stopsAtTheLimit() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            byte[] zeros = new byte[1 << 20];
            for (int megabyte = 0; megabyte < 100; megabyte++) {
                gzip.write(zeros);
            }
        }
        LogPayloadDecoder small = new LogPayloadDecoder(new IngestLimits(1 << 20, 64 * 1024));

        assertThatThrownBy(() -> small.decode(new ByteArrayInputStream(compressed.toByteArray()), "gzip", METADATA, RECEIPT))
                .isInstanceOfSatisfying(LoupeException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(failure.getMessage()).isEqualTo("the decompressed body exceeds the 1048576-byte limit");
                });
    }

    @Test
    void identityBodyOverTheLimit_isTooLarge() {
        LogPayloadDecoder small = new LogPayloadDecoder(new IngestLimits(100, 50));

        assertFailure(() -> small.decode(new ByteArrayInputStream(sampleLines(20).getBytes(UTF_8)), null, METADATA, RECEIPT),
                ErrorCode.PAYLOAD_TOO_LARGE, "the decompressed body exceeds the 100-byte limit");
    }

    @Test
    void hugeLine_isRejectedAndTheRestKept() throws IOException {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        byte[] body = concatenate("good one\n".getBytes(UTF_8), huge, "\ngood two\n".getBytes(UTF_8));

        DecodedPayload payload = decode(body, null);
        DecodedPayload gzipped = decode(gzip(body), "gzip");

        assertThat(raws(payload)).containsExactly("good one", "good two");
        assertThat(payload.rejected())
                .containsExactly(new RejectedLine(2, "message of 10485760 bytes exceeds the 1048576-byte limit"));
        assertThat(raws(gzipped)).containsExactly("good one", "good two");
        assertThat(gzipped.rejected()).isEqualTo(payload.rejected());
    }

    @Test
    void lineOfExactlyTheLimit_isKeptEvenWithCarriageReturn() {
        LogPayloadDecoder small = new LogPayloadDecoder(new IngestLimits(1 << 20, 10));

        DecodedPayload payload = small.decode(new ByteArrayInputStream("0123456789\r\n01234567890\r\nok".getBytes(UTF_8)),
                null, METADATA, RECEIPT);

        assertThat(raws(payload)).containsExactly("0123456789", "ok");
        assertThat(payload.rejected()).containsExactly(new RejectedLine(2, "message of 11 bytes exceeds the 10-byte limit"));
    }

    @Test
    void invalidUtf8_isKeptWithReplacementAndWarning() throws IOException {
        byte[] body = concatenate("ok\n".getBytes(UTF_8), new byte[] {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xc3, '!', '\n'},
                "real \uFFFD replacement character\n".getBytes(UTF_8));

        DecodedPayload payload = decode(body, null);

        assertThat(raws(payload)).containsExactly("ok", "bad \uFFFD\uFFFD!", "real \uFFFD replacement character");
        assertThat(payload.warnings()).containsExactly("line 2: invalid UTF-8 replaced by U+FFFD");
    }

    @Test
    void lineEndings_crlfBlankAndTrailingNewline() {
        DecodedPayload payload = decode("a\r\n\r\n   \t\nb\n\nc\r\n".getBytes(UTF_8), null);

        assertThat(raws(payload)).containsExactly("a", "b", "c");
        assertThat(raws(decode("only line".getBytes(UTF_8), null))).containsExactly("only line");
        assertThat(raws(decode("\n".getBytes(UTF_8), null))).isEmpty();
        assertThat(raws(decode("  keeps inner spacing  \n".getBytes(UTF_8), null))).containsExactly("  keeps inner spacing  ");
    }

    @Test
    void bodyIsReadButNotClosed() {
        boolean[] closed = {false};
        InputStream body = new ByteArrayInputStream(BODY.getBytes(UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        decoder.decode(body, null, METADATA, RECEIPT);

        assertThat(closed[0]).isFalse();
    }

    private DecodedPayload decode(byte[] body, String encoding) {
        return decoder.decode(new ByteArrayInputStream(body), encoding, METADATA, RECEIPT);
    }

    private static List<String> raws(DecodedPayload payload) {
        return payload.messages().stream().map(LogMessage::raw).toList();
    }

    private static void assertFailure(ThrowingCallable call, ErrorCode code, String messagePrefix) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LoupeException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo(code);
            assertThat(failure.getMessage()).startsWith(messagePrefix);
        });
    }

    private static String sampleLines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int index = 0; index < count; index++) {
            lines.append("2024-08-01 10:00:00,").append(index % 1000).append(" INFO request ").append(index * 7919L).append('\n');
        }
        return lines.toString();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(output)) {
            gzip.write(data);
        }
        return output.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (OutputStream deflate = new DeflaterOutputStream(output, deflater)) {
            deflate.write(data);
        } finally {
            deflater.end();
        }
        return output.toByteArray();
    }

    private static byte[] concatenate(byte[]... parts) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            output.write(part);
        }
        return output.toByteArray();
    }
}
