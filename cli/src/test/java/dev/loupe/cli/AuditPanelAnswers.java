package dev.loupe.cli;

import dev.loupe.app.lookups.GeoLocationTable;
import dev.loupe.app.lookups.ThreatIndicator;
import dev.loupe.app.lookups.ThreatIntelStore;
import dev.loupe.ingest.CloudTrailEventGenerator.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The expected answers of the 13 log panels of "2. AWS API Gateway - Audit Events", with every variable at
 * {@code *}, computed from what the simulator says each API Gateway CloudTrail event of the last 24 hours
 * contains. What the queries derive, spelled out:
 *
 * <ul>
 *   <li>every API Gateway event passes the scope and the {@code apiname} filter ({@code matches "*"} or blank);
 *       "failure" means it has an {@code errorCode};
 *   <li>{@code user} is {@code userIdentity.userName} for IAM users and, for assumed roles (no {@code userName}),
 *       what follows {@code :assumed-role/} in the ARN (role and session name);
 *   <li>{@code region} is {@code awsRegion} and {@code ApiName} / {@code apiname} is {@code responseElements.name}
 *       (the parsed fields replace the ingest-time fields of the same name, names ignoring case);
 *   <li>the maps keep source IPs that are addresses the geo table places ({@code AWS Internal} and
 *       {@code *.amazonaws.com} callers drop out); the threat table keeps addresses whose shipped threat indicator
 *       is an {@code ip_address} of high confidence, with {@code actor} "Unassigned" when the indicator has none.
 * </ul>
 *
 * Geo and threat answers read the shipped lookup data ({@link GeoLocationTable}, {@link ThreatIntelStore})
 * directly, not through a query.
 */
final class AuditPanelAnswers {
    private static final String DASHBOARD = "2. AWS API Gateway - Audit Events / ";
    private static final long FIFTEEN_MINUTES = 15 * 60_000L;
    private static final List<String> DETAIL_COLUMNS = List.of("_timeslice", "event_name", "region", "src_ip", "accountId",
            "user", "type", "requestID", "user_agent");

    private final SimulatedGroundTruth truth;

    AuditPanelAnswers(SimulatedGroundTruth truth) {
        this.truth = truth;
    }

    /** The expected answer of every Audit Events panel, by {@code dashboard / panel / query key}. */
    Map<String, ExpectedAnswer> answers() {
        Map<String, ExpectedAnswer> answers = new LinkedHashMap<>();
        answers.put(DASHBOARD + "Events Trend by Event Name / A", eventsTrend());
        answers.put(DASHBOARD + "Top User Agents / A", countedDescending("user_agent", event -> true, Event::userAgent));
        answers.put(DASHBOARD + "Failure Activity Location / A", locations(AuditPanelAnswers::failed));
        answers.put(DASHBOARD + "Successful Activity Location / A", locations(event -> !failed(event)));
        answers.put(DASHBOARD + "Event Status / A", countedDescending("event_status", event -> true,
                event -> failed(event) ? "Failure" : "Success"));
        answers.put(DASHBOARD + "Event Status Trend / A", statusTrend());
        answers.put(DASHBOARD + "Top Error Codes / A", countedDescending("error_code", AuditPanelAnswers::failed,
                Event::errorCode));
        answers.put(DASHBOARD + "Failed Events / A", countedDescending("event_name", AuditPanelAnswers::failed,
                Event::eventName));
        answers.put(DASHBOARD + "Failed Event Details / A", failedDetails());
        answers.put(DASHBOARD + "Successful Events / A", countedDescending("event_name", event -> !failed(event),
                Event::eventName));
        answers.put(DASHBOARD + "Successful Event Details / A", successfulDetails());
        answers.put(DASHBOARD + "Top Users / A", topUsers());
        answers.put(DASHBOARD + "Threat Table based on Caller IP Address / A", threats());
        return answers;
    }

    /** {@code timeslice 15m | count as event_count by _timeslice, event_name | transpose row _timeslice column event_name}. */
    private ExpectedAnswer eventsTrend() {
        Map<Long, Map<String, Long>> slices = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (Event event : truth.events()) {
            slices.computeIfAbsent(slice(event.timeMillis(), FIFTEEN_MINUTES), key -> new TreeMap<>())
                    .merge(event.eventName(), 1L, Long::sum);
            names.add(event.eventName());
        }
        List<String> columns = new ArrayList<>(List.of("_timeslice"));
        columns.addAll(names);
        List<List<Object>> rows = new ArrayList<>();
        slices.forEach((slice, counts) -> {
            List<Object> row = new ArrayList<>(List.of(slice));
            names.forEach(name -> row.add(counts.get(name)));
            rows.add(row);
        });
        return new ExpectedAnswer.Rows(columns, rows, false);
    }

    /**
     * {@code timeslice 15m | count by _timeslice, event_status | fillmissing timeslice(15m), values ("Success",
     * "Failure") in event_status | transpose row _timeslice column event_status}: every 15 minutes of the range.
     */
    private ExpectedAnswer statusTrend() {
        Map<Long, long[]> slices = new TreeMap<>();
        for (long slice = truth.fromMillis(); slice < truth.toMillis(); slice += FIFTEEN_MINUTES) {
            slices.put(slice, new long[2]);
        }
        for (Event event : truth.events()) {
            slices.get(slice(event.timeMillis(), FIFTEEN_MINUTES))[failed(event) ? 1 : 0]++;
        }
        List<List<Object>> rows = new ArrayList<>();
        slices.forEach((slice, counts) -> rows.add(List.of(slice, counts[0], counts[1])));
        return new ExpectedAnswer.Rows(List.of("_timeslice", "Success", "Failure"), rows, false);
    }

    /** {@code count as event_count by K | sort by event_count, K asc} (and {@code top 10 K by event_count, K asc}). */
    private ExpectedAnswer countedDescending(String column, Predicate<Event> filter, Function<Event, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        truth.events().stream().filter(filter).forEach(event -> counts.merge(key.apply(event), 1L, Long::sum));
        List<List<Object>> rows = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(column.equals("error_code") ? 10 : Long.MAX_VALUE)
                .map(entry -> List.<Object>of(entry.getKey(), entry.getValue())).toList();
        return new ExpectedAnswer.Rows(List.of(column, "event_count"), rows, true);
    }

    /** {@code count by src_ip | lookup latitude, longitude from geo://location on ip = src_ip | where !isnull(latitude)}. */
    private ExpectedAnswer locations(Predicate<Event> filter) {
        Map<String, Long> counts = new TreeMap<>();
        truth.events().stream().filter(filter).filter(event -> !event.sourceIp().endsWith(".amazonaws.com"))
                .forEach(event -> counts.merge(event.sourceIp(), 1L, Long::sum));
        List<List<Object>> rows = new ArrayList<>();
        try (GeoLocationTable geo = GeoLocationTable.shipped()) {
            int latitude = geo.columns().indexOf("latitude");
            int longitude = geo.columns().indexOf("longitude");
            counts.forEach((ip, count) -> {
                List<String> location = geo.get(List.of(ip));
                if (location != null && location.get(latitude) != null) {
                    rows.add(List.of(ip, count, location.get(latitude), location.get(longitude)));
                }
            });
        }
        return new ExpectedAnswer.Rows(List.of("src_ip", "_count", "latitude", "longitude"), rows, false);
    }

    /**
     * {@code timeslice 1s | count as event_count by _timeslice, event_name, error_code, error_message, region, src_ip,
     * accountId, user, type, requestID, user_agent, apiname | sort by _timeslice | limit 100}.
     */
    private ExpectedAnswer failedDetails() {
        List<String> columns = new ArrayList<>(DETAIL_COLUMNS);
        columns.addAll(List.of("error_code", "error_message", "apiname", "event_count"));
        return details(columns, AuditPanelAnswers::failed, event -> List.of(event.errorCode(), event.errorMessage(),
                nullToEmpty(event.responseName()), 1L));
    }

    /** As {@link #failedDetails()} for successes, grouped by {@code ApiName} instead of error and {@code apiname}. */
    private ExpectedAnswer successfulDetails() {
        List<String> columns = new ArrayList<>(DETAIL_COLUMNS);
        columns.addAll(List.of("ApiName", "event_count"));
        return details(columns, event -> !failed(event), event -> List.of(nullToEmpty(event.responseName()), 1L));
    }

    /* Every event has its own requestID, so each is one row of count 1; the newest 100 seconds' rows are shown. */
    private ExpectedAnswer details(List<String> columns, Predicate<Event> filter, Function<Event, List<Object>> rest) {
        List<ExpectedAnswer.Candidate> candidates = new ArrayList<>();
        for (Event event : truth.events()) {
            if (filter.test(event)) {
                List<Object> row = new ArrayList<>(Arrays.asList(event.timeMillis(), event.eventName(), event.region(),
                        event.sourceIp(), event.accountId(), user(event), event.identityType(), event.requestId(),
                        event.userAgent()));
                row.addAll(rest.apply(event));
                candidates.add(new ExpectedAnswer.Candidate(row, event.timeMillis()));
            }
        }
        return new ExpectedAnswer.RankedRows(columns, candidates, null, 100);
    }

    /** {@code count as event_count by type, user | topk(10, event_count) by type | fields -_rank}. */
    private ExpectedAnswer topUsers() {
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        truth.events().forEach(event -> counts.merge(List.of(event.identityType(), user(event)), 1L, Long::sum));
        List<ExpectedAnswer.Candidate> candidates = new ArrayList<>();
        counts.forEach((typeAndUser, count) -> candidates.add(new ExpectedAnswer.Candidate(
                List.of(typeAndUser.get(0), typeAndUser.get(1), count), count)));
        return new ExpectedAnswer.RankedRows(List.of("type", "user", "event_count"), candidates, "type", 10);
    }

    /**
     * {@code count by src_ip, event_name | lookup type, actor, raw, threatlevel as malicious_confidence from
     * sumo://threat/cs on threat=src_ip | where type="ip_address" and malicious_confidence = "high" | ... | sort by
     * _count | fields src_ip, event_name, type, actor, malicious_confidence}: ordered by the hidden count.
     */
    private ExpectedAnswer threats() {
        ThreatIntelStore threats = ThreatIntelStore.withShippedList();
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        truth.events().stream().filter(event -> !event.sourceIp().endsWith(".amazonaws.com"))
                .forEach(event -> counts.merge(List.of(event.sourceIp(), event.eventName()), 1L, Long::sum));
        List<ExpectedAnswer.Candidate> candidates = new ArrayList<>();
        counts.forEach((ipAndName, count) -> {
            ThreatIndicator indicator = threats.indicator(ipAndName.get(0));
            if (indicator != null && indicator.type().equals("ip_address") && indicator.confidence().label().equals("high")) {
                candidates.add(new ExpectedAnswer.Candidate(List.of(ipAndName.get(0), ipAndName.get(1), indicator.type(),
                        indicator.actor().isEmpty() ? "Unassigned" : indicator.actor(), "high"), count));
            }
        });
        return new ExpectedAnswer.RankedRows(List.of("src_ip", "event_name", "type", "actor", "malicious_confidence"),
                candidates, null, Integer.MAX_VALUE);
    }

    private static boolean failed(Event event) {
        return event.errorCode() != null;
    }

    /* userName, else what `parse field=arn ":assumed-role/*" as user` takes from an assumed role's ARN. */
    private static String user(Event event) {
        if (event.userName() != null) {
            return event.userName();
        }
        String marker = ":assumed-role/";
        return event.arn().substring(event.arn().indexOf(marker) + marker.length());
    }

    private static long slice(long timeMillis, long size) {
        return Math.floorDiv(timeMillis, size) * size;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
