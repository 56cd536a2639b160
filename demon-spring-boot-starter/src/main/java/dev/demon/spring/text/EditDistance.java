package dev.demon.spring.text;

import java.util.Collection;
import java.util.Comparator;

/**
 * How far apart two names are, and which of some names is closest to a misspelt one: what
 * a refusal of an unknown property, job or pipeline suggests instead.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The name with the smallest edit distance to {@code name}, the first on a tie.
     * @param name a name that is not among {@code candidates}
     * @param candidates the names there are, at least one
     * @return the closest
     * @throws java.util.NoSuchElementException when there are no candidates
     */
    public static String closest(String name, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(candidate -> between(name, candidate))).orElseThrow();
    }

    /**
     * The Levenshtein distance: the fewest single-character insertions, deletions and
     * substitutions that turn {@code a} into {@code b} (V. I. Levenshtein, "Binary codes
     * capable of correcting deletions, insertions, and reversals", 1966), computed row by
     * row as R. A. Wagner and M. J. Fischer, "The string-to-string correction problem",
     * JACM 21(1), 1974: d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (a[i] ≠
     * b[j])).
     * @param a one name
     * @param b the other
     * @return the distance, &gt;= 0
     */
    public static int between(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
