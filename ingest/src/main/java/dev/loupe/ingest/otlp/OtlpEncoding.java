package dev.loupe.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two encodings of OTLP/HTTP, told apart by {@code Content-Type}: binary protobuf
 * ({@code application/x-protobuf}) and OTLP/JSON ({@code application/json}, the proto3 JSON mapping with
 * trace and span ids as hex). A response is written in the encoding of its request.
 */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    /** The media type of this encoding, for the response's {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    /**
     * The encoding a request's {@code Content-Type} names; parameters after {@code ;} are ignored.
     *
     * @param contentType the header, or null (read as protobuf, the OTLP default)
     * @throws LoupeException {@code INVALID_INPUT} for any other media type
     */
    public static OtlpEncoding ofContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return PROTOBUF;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.contentType.equals(mediaType)) {
                return encoding;
            }
        }
        throw new LoupeException(ErrorCode.INVALID_INPUT, "unsupported Content-Type '" + contentType.strip()
                + "' for OTLP/HTTP; send application/x-protobuf or application/json");
    }

    /** The bytes of a response message in this encoding. */
    public byte[] encode(Message response) {
        return switch (this) {
            case PROTOBUF -> response.toByteArray();
            case JSON -> {
                try {
                    yield JsonFormat.printer().omittingInsignificantWhitespace().print(response)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (InvalidProtocolBufferException unprintable) {
                    throw new LoupeException(ErrorCode.INTERNAL, "cannot write the OTLP/JSON response: "
                            + unprintable.getMessage(), unprintable);
                }
            }
        };
    }
}
