package dev.loupe.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Describes why a request body is not the JSON a handler wants, for the client: what went wrong, where (the JSON
 * path of the value, the line and column), and never a Java type or package name. Jackson's own messages name
 * the record a body binds to ({@code Cannot deserialize value of type `dev.loupe...Request`}) and its internal
 * limits' getters; those stay in the server log with the exception.
 */
public final class JsonBodyErrors {
    private JsonBodyErrors() {}

    /** A one-line description of {@code failure} safe to send to the client. */
    public static String describe(JsonProcessingException failure) {
        StringBuilder description = new StringBuilder();
        if (failure instanceof DatabindException binding) {
            description.append("a value has the wrong type or shape");
            String path = path(binding);
            if (!path.isEmpty()) {
                description.append(" at ").append(path);
            }
        } else {
            String message = failure.getOriginalMessage();
            description.append(message == null ? "malformed JSON" : message.replaceAll(",? from `[^`]*`", "")
                    .replaceAll("`[^`]*`", "a value"));
        }
        JsonLocation location = failure.getLocation();
        if (location != null && location.getLineNr() > 0) {
            description.append(" (line ").append(location.getLineNr()).append(", column ")
                    .append(location.getColumnNr()).append(')');
        }
        return description.toString();
    }

    private static String path(DatabindException binding) {
        if (!(binding instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
