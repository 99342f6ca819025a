package dev.loupe.app.lookups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-off program that wrote {@code geo/country-centroids.csv}: one row per ISO 3166-1 alpha-2 country with its
 * English name and the centroid of its largest polygon in Natural Earth's Admin 0 shapes. Not run by the build;
 * rerun it by hand when the shapes change:
 *
 * <pre>{@code
 * mvn -pl app test-compile && java -cp "app/target/test-classes:$(cat classpath.txt)" \
 *     dev.loupe.app.lookups.CountryCentroidGenerator app/src/main/resources/dev/loupe/app/lookups/geo/country-centroids.csv \
 *     /usr/share/iso-codes/json/iso_3166-1.json \
 *     shared/data/maps/world-atlas/countries-110m.json shared/data/maps/world-atlas/countries-50m.json
 * }</pre>
 *
 * <p>Arguments: the output file, the Debian {@code iso-codes} ISO 3166-1 JSON (numeric to alpha-2 codes; the
 * TopoJSON ids are numeric), then TopoJSON files in order of preference: a country takes its shape from the first
 * file that has it (the 110m shapes, then the 50m shapes for the small countries 110m leaves out). Country names
 * are the JDK's English display names. Countries without a shape in any file are written without coordinates.
 */
public final class CountryCentroidGenerator {
    /* Design notes: a country's point is the area centroid of its largest polygon, not of all its polygons: the
     * shapes of France, the Netherlands or Norway include overseas territories and islands that would pull an
     * all-polygon centroid into the sea, and the United States would land between the lower 48 and Alaska. Areas
     * are compared after scaling by cos(latitude), so that high-latitude polygons (Alaska) do not look larger than
     * they are. Longitudes are unwrapped along each ring, so that rings crossing the antimeridian (Fiji, Russia)
     * stay in one piece, and the centroid is wrapped back into [-180, 180]. The centroid itself is the planar
     * centroid in longitude/latitude, accurate enough for one landmass. */

    private CountryCentroidGenerator() {}

    public static void main(String[] arguments) throws IOException {
        if (arguments.length < 3) {
            throw new IllegalArgumentException("usage: output.csv iso_3166-1.json shapes.topojson...");
        }
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> alpha2ByNumeric = new HashMap<>();
        for (JsonNode country : mapper.readTree(Path.of(arguments[1]).toFile()).path("3166-1")) {
            alpha2ByNumeric.put(country.path("numeric").asText(), country.path("alpha_2").asText());
        }
        Map<String, double[]> centroids = new HashMap<>();
        for (int index = 2; index < arguments.length; index++) {
            readCentroids(mapper.readTree(Path.of(arguments[index]).toFile()), alpha2ByNumeric, centroids);
        }
        Map<String, String> lines = new TreeMap<>();
        for (String code : Locale.getISOCountries()) {
            lines.put(code, line(code, centroids.get(code)));
        }
        lines.put("XK", line("XK", centroids.get("XK")));
        try (Writer writer = Files.newBufferedWriter(Path.of(arguments[0]), StandardCharsets.UTF_8)) {
            writer.write("country_code,country_name,latitude,longitude\n");
            for (String line : lines.values()) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }

    private static String line(String code, double[] centroid) {
        String name = code.equals("XK") ? "Kosovo" : Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        String quoted = name.contains(",") ? "\"" + name + "\"" : name;
        if (centroid == null) {
            return code + "," + quoted + ",,";
        }
        return code + "," + quoted + "," + String.format(Locale.ROOT, "%.4f", centroid[1]) + ","
                + String.format(Locale.ROOT, "%.4f", centroid[0]);
    }

    private static void readCentroids(JsonNode topology, Map<String, String> alpha2ByNumeric,
            Map<String, double[]> centroids) {
        List<double[][]> arcs = decodeArcs(topology);
        for (JsonNode geometry : topology.path("objects").path("countries").path("geometries")) {
            String code = geometry.hasNonNull("id") ? alpha2ByNumeric.get(geometry.get("id").asText())
                    : geometry.path("properties").path("name").asText().equals("Kosovo") ? "XK" : null;
            if (code == null || centroids.containsKey(code)) {
                continue;
            }
            List<JsonNode> polygons = new ArrayList<>();
            switch (geometry.path("type").asText()) {
                case "Polygon" -> polygons.add(geometry.path("arcs"));
                case "MultiPolygon" -> geometry.path("arcs").forEach(polygons::add);
                default -> {
                    continue;
                }
            }
            double bestArea = -1;
            double[] best = null;
            for (JsonNode polygon : polygons) {
                double[] measured = measure(ring(polygon.get(0), arcs));
                if (measured[2] > bestArea) {
                    bestArea = measured[2];
                    best = measured;
                }
            }
            if (best != null) {
                centroids.put(code, new double[] {best[0], best[1]});
            }
        }
    }

    /** Longitude, latitude and cos-scaled absolute area of a closed ring (shoelace formula). */
    private static double[] measure(List<double[]> ring) {
        double area = 0;
        double x = 0;
        double y = 0;
        for (int index = 0; index < ring.size() - 1; index++) {
            double[] a = ring.get(index);
            double[] b = ring.get(index + 1);
            double cross = a[0] * b[1] - b[0] * a[1];
            area += cross;
            x += (a[0] + b[0]) * cross;
            y += (a[1] + b[1]) * cross;
        }
        area /= 2;
        double longitude = x / (6 * area);
        longitude = longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
        double latitude = y / (6 * area);
        return new double[] {longitude, latitude, Math.abs(area) * Math.cos(Math.toRadians(latitude))};
    }

    private static List<double[]> ring(JsonNode arcIndexes, List<double[][]> arcs) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode arcIndex : arcIndexes) {
            int index = arcIndex.asInt();
            double[][] arc = arcs.get(index >= 0 ? index : ~index);
            for (int position = 0; position < arc.length; position++) {
                double[] point = index >= 0 ? arc[position] : arc[arc.length - 1 - position];
                if (position > 0 || points.isEmpty()) {
                    points.add(unwrap(point, points.isEmpty() ? null : points.getLast()));
                }
            }
        }
        return points;
    }

    /** Moves {@code point} by whole turns so that it is within 180 degrees of longitude of {@code previous}. */
    private static double[] unwrap(double[] point, double[] previous) {
        if (previous == null) {
            return point;
        }
        double longitude = point[0];
        while (longitude - previous[0] > 180) {
            longitude -= 360;
        }
        while (previous[0] - longitude > 180) {
            longitude += 360;
        }
        return new double[] {longitude, point[1]};
    }

    private static List<double[][]> decodeArcs(JsonNode topology) {
        JsonNode transform = topology.path("transform");
        double scaleX = transform.path("scale").get(0).asDouble();
        double scaleY = transform.path("scale").get(1).asDouble();
        double translateX = transform.path("translate").get(0).asDouble();
        double translateY = transform.path("translate").get(1).asDouble();
        List<double[][]> arcs = new ArrayList<>();
        for (JsonNode arc : topology.path("arcs")) {
            double[][] points = new double[arc.size()][];
            long x = 0;
            long y = 0;
            for (int index = 0; index < arc.size(); index++) {
                x += arc.get(index).get(0).asLong();
                y += arc.get(index).get(1).asLong();
                points[index] = new double[] {x * scaleX + translateX, y * scaleY + translateY};
            }
            arcs.add(points);
        }
        return arcs;
    }
}
