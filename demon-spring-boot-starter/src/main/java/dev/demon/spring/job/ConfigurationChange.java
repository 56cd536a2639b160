package dev.demon.spring.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     * The momentum schedule's parameters, which a schedule that does not report them
     * records as {@link TrainingConfiguration#NONE}.
     */
    private static final Set<String> SCHEDULE_PARAMETERS = Set.of("demon.momentum.beta-init",
            "demon.momentum.decay-start");

    /**
     * Every value that differs, in the order of {@code requested}; a momentum-schedule
     * parameter that the schedule in force does not have ({@code none}) is not compared.
     * @param recorded the values the run was started with, by property
     * @param requested the values of the new start, by property
     * @return the changes; empty when the two agree
     */
    public static List<ConfigurationChange> between(Map<String, String> recorded, Map<String, String> requested) {
        List<ConfigurationChange> changes = new ArrayList<>();
        requested.forEach((property, value) -> {
            if (SCHEDULE_PARAMETERS.contains(property) && TrainingConfiguration.NONE.equals(value)) {
                // The schedule in force does not read it, and its name is compared: a
                // run recorded by an earlier version, which wrote the property's value
                // for every schedule, resumes.
                return;
            }
            if (!Objects.equals(recorded.get(property), value)) {
                changes.add(new ConfigurationChange(property, recorded.get(property), value));
            }
        });
        return changes;
    }
}
