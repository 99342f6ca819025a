package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

/**
 * A configured HTTP source: where receiver requests with its token land, and the metadata its messages get
 * unless {@code X-Sumo-*} headers override it.
 *
 * @param name the source name: {@code _source}, and the default {@code _sourceName}
 * @param category the default {@code _sourceCategory}
 * @param token the secret in the receiver URL; unguessable, URL-safe
 * @param createdMillis when it was created, epoch ms
 */
public record HttpSource(String name, String category, String token, long createdMillis) {
    public HttpSource {
        requireNonNull(name, "name is null");
        requireNonNull(category, "category is null");
        requireNonNull(token, "token is null");
    }

    /** The receiver path for this source, relative to the server root. */
    public String receiverPath() {
        return "/receiver/v1/http/" + token;
    }

    @Override
    public String toString() {
        return "HttpSource[name=" + name + ", category=" + category + "]";
    }
}
