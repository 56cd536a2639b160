package dev.demon.spring.autoconfigure;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/**
 * The names of a record's configuration properties, and which of some names is closest to
 * a misspelt one.
 */
final class PropertyNames {

    private PropertyNames() {
    }

    /**
     * Every leaf property of a {@code @ConfigurationProperties} record, in dashed form:
     * {@code demon.momentum.beta-init}, not {@code demon.momentum}.
     * @param prefix the record's prefix, such as {@code demon}
     * @param type the record
     * @return the names, in declaration order
     */
    static List<String> of(String prefix, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            if (component.getType().isRecord()) {
                names.addAll(of(name, component.getType()));
            }
            else {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The name with the smallest edit distance to {@code name}, the first on a tie.
     * @param name a name that is not among {@code candidates}
     * @param candidates the names there are
     * @return the closest
     */
    static String closest(String name, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(candidate -> distance(name, candidate))).orElseThrow();
    }

    /**
     * The Levenshtein distance: the fewest single-character insertions, deletions and
     * substitutions that turn {@code a} into {@code b} (V. I. Levenshtein, "Binary codes
     * capable of correcting deletions, insertions, and reversals", 1966), computed row by
     * row as R. A. Wagner and M. J. Fischer, "The string-to-string correction problem",
     * JACM 21(1), 1974: d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (a[i] ≠
     * b[j])).
     */
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
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
