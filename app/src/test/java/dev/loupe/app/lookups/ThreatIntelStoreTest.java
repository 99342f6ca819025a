package dev.loupe.app.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.query.lookup.VirtualTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sumo://threat/cs} from the shipped IPsum list and from CSV and STIX 2.1 imports. */
class ThreatIntelStoreTest {
    private static final ThreatIntelStore SHIPPED = ThreatIntelStore.withShippedList();

    private static String column(List<String> row, String name) {
        return row.get(SHIPPED.columns().indexOf(name));
    }

    @Test
    void honoursTheVirtualTableContract() {
        VirtualTable.THREAT.check(SHIPPED);
    }

    @Test
    void shippedListLevelsFollowTheListCounts() {
        long started = System.nanoTime();
        assertThat(ThreatIntelStore.withShippedList().size()).isEqualTo(120_430);
        System.out.printf("sumo://threat/cs: shipped list loaded in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        // ipsum.txt: 77.90.185.20 on 10 lists, 1.27.251.252 on 5, 1.209.110.147 on 4, 1.20.178.157 on 3,
        // 1.1.220.166 on 1
        assertThat(column(SHIPPED.get(List.of("77.90.185.20")), "threatlevel")).isEqualTo("high");
        assertThat(column(SHIPPED.get(List.of("1.27.251.252")), "malicious_confidence")).isEqualTo("high");
        assertThat(column(SHIPPED.get(List.of("1.209.110.147")), "threatlevel")).isEqualTo("medium");
        assertThat(column(SHIPPED.get(List.of("1.20.178.157")), "threatlevel")).isEqualTo("medium");
        assertThat(column(SHIPPED.get(List.of("1.1.220.166")), "threatlevel")).isEqualTo("low");
        assertThat(SHIPPED.get(List.of("8.8.8.8"))).isNull();
    }

    @Test
    void rowsCarryTheColumnsTheThreatTableReads() throws IOException {
        List<String> row = SHIPPED.get(List.of("77.90.185.20"));
        assertThat(column(row, "threat")).isEqualTo("77.90.185.20");
        assertThat(column(row, "type")).isEqualTo("ip_address");
        assertThat(column(row, "actor")).isEmpty();
        assertThat(column(row, "source")).isEqualTo("IPsum");
        JsonNode raw = new ObjectMapper().readTree(column(row, "raw"));
        assertThat(raw.path("indicator").asText()).isEqualTo("77.90.185.20");
        assertThat(raw.path("malicious_confidence").asText()).isEqualTo("high");
        assertThat(raw.path("labels").findValuesAsText("name"))
                .containsExactly("MaliciousConfidence/High", "Source/IPsum", "Blocklists/10");
    }

    @Test
    void csvImport(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("partner.csv");
        Files.writeString(file, """
                indicator,type,actor,malicious_confidence,labels
                203.0.113.7,ip_address,FANCY BEAR,high,Actor/FANCYBEAR;Malware/X
                evil.example.com,,,low,
                77.90.185.20,,,low,
                """);
        ThreatIntelStore store = ThreatIntelStore.withShippedList();
        assertThat(store.importFile(file)).isEqualTo(3);
        ThreatIndicator bear = store.indicator("203.0.113.7");
        assertThat(bear).isEqualTo(new ThreatIndicator("203.0.113.7", "ip_address", "FANCY BEAR",
                ThreatConfidence.HIGH, List.of("MaliciousConfidence/High", "Actor/FANCYBEAR", "Malware/X"),
                "partner.csv"));
        assertThat(store.indicator("EVIL.example.com").type()).isEqualTo("domain");
        // IPsum says high (10 lists); the CSV's low does not override it
        assertThat(store.indicator("77.90.185.20").confidence()).isEqualTo(ThreatConfidence.HIGH);
        assertThat(store.size()).isEqualTo(120_432);
    }

    @Test
    void stixImport(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("bundle.json");
        Files.writeString(file, """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a", "confidence": 85,
                   "indicator_types": ["malicious-activity"], "labels": ["Actor/COZYBEAR"],
                   "pattern": "[ipv4-addr:value = '198.51.100.9/32'] OR [domain-name:value = 'c2.example.net']",
                   "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--b", "confidence": 40,
                   "pattern": "[ipv4-addr:value = '198.51.100.10']", "pattern_type": "stix",
                   "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--c", "revoked": true,
                   "pattern": "[ipv4-addr:value = '198.51.100.11']", "pattern_type": "stix",
                   "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--x", "name": "COZY BEAR"},
                  {"type": "relationship", "spec_version": "2.1", "id": "relationship--r",
                   "relationship_type": "indicates", "source_ref": "indicator--a", "target_ref": "threat-actor--x"}
                ]}
                """);
        ThreatIntelStore store = ThreatIntelStore.empty();
        assertThat(store.importFile(file)).isEqualTo(3);
        assertThat(store.indicator("198.51.100.9")).isEqualTo(new ThreatIndicator("198.51.100.9", "ip_address",
                "COZY BEAR", ThreatConfidence.HIGH, List.of("MaliciousConfidence/High", "Actor/COZYBEAR",
                "IndicatorType/malicious-activity"), "bundle.json"));
        assertThat(store.indicator("c2.example.net").type()).isEqualTo("domain");
        assertThat(store.indicator("198.51.100.10").confidence()).isEqualTo(ThreatConfidence.MEDIUM);
        assertThat(store.indicator("198.51.100.10").actor()).isEmpty();
        assertThat(store.indicator("198.51.100.11")).isNull();
    }

    @Test
    void loadingASourceAgainReplacesIt() {
        ThreatIntelStore store = ThreatIntelStore.empty();
        store.load("feed", ThreatFeedFormat.IPSUM.parse("203.0.113.1\t7\n203.0.113.2\t1\n", "feed"));
        store.load("feed", ThreatFeedFormat.IPSUM.parse("203.0.113.3\t2\n", "feed"));
        assertThat(store.indicator("203.0.113.1")).isNull();
        assertThat(store.indicator("203.0.113.3").confidence()).isEqualTo(ThreatConfidence.LOW);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void formatDetection() {
        assertThat(ThreatFeedFormat.detect("# IPsum\n1.2.3.4\t3\n")).isEqualTo(ThreatFeedFormat.IPSUM);
        assertThat(ThreatFeedFormat.detect("indicator,actor\n1.2.3.4,x\n")).isEqualTo(ThreatFeedFormat.CSV);
        assertThat(ThreatFeedFormat.detect("  {\"type\":\"bundle\"}")).isEqualTo(ThreatFeedFormat.STIX);
    }
}
