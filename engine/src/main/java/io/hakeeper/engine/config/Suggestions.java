package io.hakeeper.engine.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys and names: the closest known word by edit distance, when it is close
 * enough to be a likely typo rather than a different word.
 */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(word.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the word may be wrong, at least two letters: "prority", "virtual_router_di".
        int tolerance = Math.max(2, word.length() / 3);
        return bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean "x"?" or nothing, to append to a message. */
    static String didYouMean(String word, Collection<String> known) {
        return closest(word, known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
