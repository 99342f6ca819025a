package dev.loupe.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LookupTablesTest {

    @Test
    void csvHeaderQuotesDuplicatesAndCase() {
        InMemoryLookupTable table = CsvLookupTables.parse("\uFEFFip,name\r\n1.1.1.1,\"one, uno\"\n1.1.1.1,\"the \"\"one\"\"\"\n"
                + "\n2.2.2.2\n", List.of("IP"));
        assertThat(table.columns()).containsExactly("ip", "name");
        assertThat(table.get(List.of("1.1.1.1"))).containsExactly("1.1.1.1", "the \"one\"");
        assertThat(table.get(List.of("2.2.2.2"))).containsExactly("2.2.2.2", "");
        assertThat(table.get(List.of("3.3.3.3"))).isNull();
        assertThat(table.warnings()).containsExactly("1 duplicate key(s); the last row wins: 1.1.1.1");
        assertThatThrownBy(() -> CsvLookupTables.parse("", List.of("a"))).hasMessageContaining("header row");
        assertThatThrownBy(() -> CsvLookupTables.parse("a\n1,2", List.of("a"))).hasMessageContaining("record 2");
        assertThatThrownBy(() -> CsvLookupTables.parse("a,b\n1,2", List.of("c"))).hasMessageContaining("key column");
    }

    @Test
    void referencesAndVirtualContracts() {
        assertThat(TableReference.parse("path://\"/Library/Users/x/T\"")).isEqualTo(TableReference.path("/Library/Users/x/T"));
        assertThat(TableReference.parse("GEO://Location").kind()).isEqualTo(TableReference.Kind.GEO_LOCATION);
        assertThat(TableReference.parse("https://h/t.csv").kind()).isEqualTo(TableReference.Kind.URL);
        assertThat(TableReference.parse("shared/hosts").kind()).isEqualTo(TableReference.Kind.SHARED_FILE);
        InMemoryLookupTable wrongKey = new InMemoryLookupTable(List.of("threat", "type"), List.of("type"), List.of());
        assertThatThrownBy(() -> LookupCatalog.builder().add(VirtualTable.THREAT, wrongKey))
                .hasMessageContaining("must be keyed on 'threat'");
        LookupCatalog catalog = LookupCatalog.builder().add(VirtualTable.ASN, VirtualTable.ASN.emptyTable()).build();
        assertThat(catalog.resolve(TableReference.parse("asn://default"))).isPresent();
        assertThat(catalog.resolve(TableReference.parse("geo://location"))).isEmpty();
        assertThat(LookupTables.empty().resolve(TableReference.path("/x"))).isEmpty();
    }

    @Test
    void delimitedTextSplitsWithQuotesAndEscapes() {
        DelimitedText pipes = new DelimitedText('|', '\'', '^');
        assertThat(pipes.split("a|'b|c'|d^|e|")).containsExactly("a", "b|c", "d|e", "");
        assertThat(DelimitedText.CSV.split("x\"y,z")).containsExactly("x\"y", "z");
    }
}
