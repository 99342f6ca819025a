package dev.loupe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeExpressionTest {
    private static final long NOW = 1_764_000_000_000L;

    @Test
    void relative() {
        assertThat(TimeExpression.resolve("-15m", NOW, ZoneOffset.UTC)).isEqualTo(NOW - 15 * 60_000L);
        assertThat(TimeExpression.resolve("-1d", NOW, ZoneOffset.UTC)).isEqualTo(NOW - 86_400_000L);
        assertThat(TimeExpression.resolve("-2w5d3h", NOW, ZoneOffset.UTC))
                .isEqualTo(NOW - (14 + 5) * 86_400_000L - 3 * 3_600_000L);
        assertThat(TimeExpression.resolve("+15m", NOW, ZoneOffset.UTC)).isEqualTo(NOW + 15 * 60_000L);
        assertThat(TimeExpression.resolve(" now ", NOW, ZoneOffset.UTC)).isEqualTo(NOW);
    }

    @Test
    void absolute() {
        assertThat(TimeExpression.resolve("2026-11-25T10:00:00Z", NOW, ZoneOffset.UTC)).isEqualTo(1_795_600_800_000L);
        assertThat(TimeExpression.resolve("2026-11-25T19:00:00+09:00", NOW, ZoneOffset.UTC)).isEqualTo(1_795_600_800_000L);
        assertThat(TimeExpression.resolve("2026-11-25T10:00:00", NOW, ZoneId.of("Asia/Tokyo")))
                .isEqualTo(1_795_600_800_000L - 9 * 3_600_000L);
        assertThat(TimeExpression.resolve("2026-11-25 10:00:00", NOW, ZoneOffset.UTC)).isEqualTo(1_795_600_800_000L);
        assertThat(TimeExpression.resolve("2026-11-25", NOW, ZoneOffset.UTC)).isEqualTo(1_795_564_800_000L);
        assertThat(TimeExpression.resolve("1795600800000", NOW, ZoneOffset.UTC)).isEqualTo(1_795_600_800_000L);
    }

    @Test
    void invalidTimesNameTheText() {
        assertThatThrownBy(() -> TimeExpression.resolve("-15x", NOW, ZoneOffset.UTC))
                .isInstanceOf(LoupeException.class).hasMessageContaining("'-15x'").hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> TimeExpression.resolve("yesterday-ish", NOW, ZoneOffset.UTC))
                .isInstanceOf(LoupeException.class).hasMessageContaining("'yesterday-ish'");
        assertThatThrownBy(() -> TimeExpression.resolve("-", NOW, ZoneOffset.UTC)).isInstanceOf(LoupeException.class);
        assertThatThrownBy(() -> TimeExpression.resolve("99999999999999999999", NOW, ZoneOffset.UTC))
                .isInstanceOf(LoupeException.class);
    }
}
