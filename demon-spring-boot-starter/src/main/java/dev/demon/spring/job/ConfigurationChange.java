package dev.demon.spring.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.report.TrainingConfiguration;

/**
 * A value of the configuration that differs between the one a run was started with and
 * the one a new start has.
 *
 * @param property the property, as in {@link TrainingConfiguration#byProperty()}
 * @param recorded the value the run was started with, or null when the run recorded none
 * for it
 * @param requested the value of the new start
 */
public record ConfigurationChange(String property, @Nullable String recorded, String requested) {

    /**
     * Every value that differs, in the order of {@code requested}.
     * @param recorded the values the run was started with, by property
     * @param requested the values of the new start, by property
     * @return the changes; empty when the two agree
     */
    public static List<ConfigurationChange> between(Map<String, String> recorded, Map<String, String> requested) {
        List<ConfigurationChange> changes = new ArrayList<>();
        requested.forEach((property, value) -> {
            if (!Objects.equals(recorded.get(property), value)) {
                changes.add(new ConfigurationChange(property, recorded.get(property), value));
            }
        });
        return changes;
    }
}
