package dev.loupe.query.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.loupe.core.LoupeException;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.testing.InMemoryLogStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated query text must never make the parser or planner throw anything but LoupeException. */
class QueryParserRobustnessTest {
    private static final String[] FRAGMENTS = {"|", " ", "json", "parse", "regex", "where", "count", "by", "as",
        "sort", "limit", "top", "fields", "-", "+", "*", "/", "(", ")", "\"", "\"a*b\"", "x", "_raw", "=", "!", "<",
        ">", ",", "nodrop", "multi", "field=", "matches", "in", "not", "and", "or", "if(", "5m", "1.5", "%\"", "//",
        "/*", "*/", "{{", "}}", "?", ":", "[", "]", "\\", "'", "\n", "sum(", "count_distinct(", "concat(", "&&",
        "||", "(?<a>x)", "true", "null", "e", "1e", ".", "..", "timeslice", "transpose", "$"};

    @Test
    void garbageNeverThrowsAnythingButLoupeException() {
        long seed = System.nanoTime();
        System.out.println("QueryParserRobustnessTest seed: " + seed);
        Random random = new Random(seed);
        LogQueryEngine engine = new LogQueryEngine(new InMemoryLogStore());
        for (int iteration = 0; iteration < 3000; iteration++) {
            String query = iteration % 2 == 0 ? fragments(random) : characters(random);
            try {
                engine.check(query);
            } catch (LoupeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable unexpected) {
                fail("seed " + seed + ", query <" + query + "> threw " + unexpected, unexpected);
            }
        }
    }

    private static String fragments(Random random) {
        StringBuilder query = new StringBuilder();
        int length = random.nextInt(25);
        for (int index = 0; index < length; index++) {
            query.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            if (random.nextBoolean()) {
                query.append(' ');
            }
        }
        return query.toString();
    }

    private static String characters(Random random) {
        StringBuilder query = new StringBuilder();
        int length = random.nextInt(40);
        for (int index = 0; index < length; index++) {
            query.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
        }
        return query.toString();
    }
}
