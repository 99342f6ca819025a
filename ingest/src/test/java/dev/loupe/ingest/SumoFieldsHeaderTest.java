package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SumoFieldsHeaderTest {
    @Test
    void parse_keepsOrderAndTrims() {
        assertThat(SumoFieldsHeader.parse(" env = dev , cluster=k8s,team=a=b,empty=,"))
                .containsExactly(Map.entry("env", "dev"), Map.entry("cluster", "k8s"), Map.entry("team", "a=b"),
                        Map.entry("empty", ""));
    }

    @Test
    void parse_nullOrBlankIsEmpty() {
        assertThat(SumoFieldsHeader.parse(null)).isEmpty();
        assertThat(SumoFieldsHeader.parse("  ")).isEmpty();
    }

    @Test
    void parse_laterDuplicateWins() {
        assertThat(SumoFieldsHeader.parse("a=1,b=2,a=3")).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void parse_malformedPairIsNamed() {
        assertThatThrownBy(() -> SumoFieldsHeader.parse("env=dev,cluster,team=x"))
                .isInstanceOfSatisfying(LoupeException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(failure.getMessage()).isEqualTo("X-Sumo-Fields pair 'cluster' is not of the form key=value");
                });
        assertThatThrownBy(() -> SumoFieldsHeader.parse("=dev"))
                .isInstanceOf(LoupeException.class).hasMessage("X-Sumo-Fields pair '=dev' has an empty key");
    }
}
