package dev.loupe.ingest.metrics;

import java.util.Locale;
import java.util.Optional;

/** The metric text formats of the HTTP Source, chosen by {@code Content-Type}. */
public enum MetricFormat {
    /** {@code application/vnd.sumologic.graphite}: {@code metric.path value [epochSeconds]}. */
    GRAPHITE("application/vnd.sumologic.graphite"),
    /** {@code application/vnd.sumologic.carbon2}: {@code intrinsic tags  meta tags value [epochSeconds]}. */
    CARBON2("application/vnd.sumologic.carbon2"),
    /** {@code application/vnd.sumologic.prometheus}: Prometheus exposition text. */
    PROMETHEUS("application/vnd.sumologic.prometheus");

    private final String mediaType;

    MetricFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type that selects this format. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The metric format a {@code Content-Type} header selects, ignoring case and anything after {@code ;} (as
     * Sumo ignores {@code ; charset=utf8}); empty for anything else, which means logs.
     */
    public static Optional<MetricFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        for (MetricFormat format : values()) {
            if (format.mediaType.equals(media)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
