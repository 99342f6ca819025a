package dev.loupe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import io.javalin.http.Context;

/** Reads a JSON request body into a record for the {@code /api/} controllers; unknown properties are ignored. */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * The body as {@code type}.
     *
     * @throws LoupeException {@code INVALID_INPUT} (400) for an empty body or one that is not that JSON
     */
    public static <T> T read(ObjectMapper mapper, Context context, Class<T> type) {
        String body = context.body();
        if (body.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "the request needs a JSON body");
        }
        try {
            return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (JsonProcessingException exception) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "the body is not valid JSON for this request: "
                    + JsonBodyErrors.describe(exception), exception);
        }
    }
}
