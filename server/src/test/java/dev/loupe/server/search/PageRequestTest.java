package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ApiException;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void limitAboveTheMaximumIsClamped() {
        assertThat(PageRequest.parse("5", "20000")).isEqualTo(new PageRequest(5, PageRequest.MAX_LIMIT));
    }

    @Test
    void nonNumbersAreInvalid() {
        assertThatThrownBy(() -> PageRequest.parse("x", "1")).isInstanceOfSatisfying(ApiException.class,
                exception -> assertThat(exception.apiCode()).isEqualTo("offset.invalid"));
    }

    @Test
    void doublesAreRenderedPlainly() {
        assertThat(ResultValues.asString(90.0)).isEqualTo("90");
        assertThat(ResultValues.asString(2.5)).isEqualTo("2.5");
        assertThat(ResultValues.asString(42L)).isEqualTo("42");
        assertThat(ResultValues.asString(true)).isEqualTo("true");
    }
}
