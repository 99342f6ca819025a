package dev.loupe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WildcardsTest {
    @Test
    void starAndQuestionMark() {
        assertThat(Wildcards.matches("*apache*", "prod/apache/access", true)).isTrue();
        assertThat(Wildcards.matches("err?r", "error", true)).isTrue();
        assertThat(Wildcards.matches("err?r", "error", false)).isFalse();
        assertThat(Wildcards.matches("err?r", "err?r", false)).isTrue();
        assertThat(Wildcards.matches("", "", true)).isTrue();
        assertThat(Wildcards.matches("*", "", true)).isTrue();
        assertThat(Wildcards.matches("a*", "", true)).isFalse();
        assertThat(Wildcards.matches("A*", "abc", true)).as("case-sensitive").isFalse();
    }

    /** Compared with the regex translation on random inputs from a small alphabet (seed printed on failure). */
    @Test
    void agreesWithRegexTranslation() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int attempt = 0; attempt < 20_000; attempt++) {
            String pattern = randomText(random, "ab*?", 6);
            String text = randomText(random, "ab?", 8);
            boolean questionMark = random.nextBoolean();
            StringBuilder regex = new StringBuilder();
            for (char character : pattern.toCharArray()) {
                regex.append(character == '*' ? ".*" : character == '?' && questionMark ? "." : Pattern.quote(String.valueOf(character)));
            }
            assertThat(Wildcards.matches(pattern, text, questionMark))
                    .as("seed %d: pattern %s text %s", seed, pattern, text)
                    .isEqualTo(Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches());
        }
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int index = 0; index < length; index++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
