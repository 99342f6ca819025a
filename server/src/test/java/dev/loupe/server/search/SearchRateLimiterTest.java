package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SearchRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    private static void assertRefused(Runnable request) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.status()).isEqualTo(429);
            assertThat(exception.apiCode()).isEqualTo("rate.limit.exceeded");
        });
    }

    @Test
    void concurrentRequestsOfOneKeyAreCappedOthersUnaffected() {
        SearchRateLimiter limiter = new SearchRateLimiter(new SearchRateLimits(2, 1000, 1000, 10), nanos::get);
        List<SearchRateLimiter.Permit> held = new ArrayList<>();
        held.add(limiter.admit("a"));
        held.add(limiter.admit("a"));
        assertRefused(() -> limiter.admit("a"));
        limiter.admit("b").close();
        held.removeFirst().close();
        limiter.admit("a").close();
        held.forEach(SearchRateLimiter.Permit::close);
    }

    @Test
    void burstThenSustainedRate() {
        SearchRateLimiter limiter = new SearchRateLimiter(new SearchRateLimits(10, 4, 3, 10), nanos::get);
        for (int request = 0; request < 3; request++) {
            limiter.admit("a").close();
        }
        assertRefused(() -> limiter.admit("a"));
        nanos.addAndGet(250_000_000L);
        limiter.admit("a").close();
        assertRefused(() -> limiter.admit("a"));
        nanos.addAndGet(10_000_000_000L);
        for (int request = 0; request < 3; request++) {
            limiter.admit("a").close();
        }
        assertRefused(() -> limiter.admit("a"));
    }
}
