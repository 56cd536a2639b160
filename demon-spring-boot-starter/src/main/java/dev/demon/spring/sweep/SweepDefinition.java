package dev.demon.spring.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.training.ModelMonitor;

/**
 * A sweep as its {@code demon.sweeps.<name>.*} properties define it: many trials of one
 * pipeline, each with its own training properties.
 *
 * @param name the sweep's name, also its job's
 * @param pipeline the {@code @TrainingPipeline} whose model the trials train, or null
 * when unset (refused)
 * @param search grid or random
 * @param trials how many trials a random search draws, or null (refused for a random
 * search)
 * @param samplingSeed the seed of a random search's draws
 * @param variants named sets of training properties that go together (a method: an
 * optimizer with its momentum and learning-rate schedules), each a trial's settings by
 * name relative to {@code demon.} ({@code momentum.schedule}), in declared order; none
 * for a sweep of the parameters alone
 * @param parameters the values of each swept training property, by its name relative to
 * {@code demon.} ({@code learning-rate.initial}), in declared order, as Spring bound them
 * (a scalar split on commas)
 * @param objective what ranks the trials, or null for the pipeline's own monitor
 * @param pruning none or median
 * @param pruningWarmupEpochs the epochs every trial trains before the pruner may stop it
 * @param pruningStartupTrials the trials that must complete before the pruner stops any
 * @param concurrency trials trained at once in this process
 */
public record SweepDefinition(String name, @Nullable String pipeline, SweepSearch search, @Nullable Integer trials,
        long samplingSeed, Map<String, Map<String, String>> variants, Map<String, List<String>> parameters,
        @Nullable ModelMonitor objective, SweepPruning pruning, int pruningWarmupEpochs, int pruningStartupTrials,
        int concurrency) {

    /** The prefix of every sweep's properties. */
    public static final String PREFIX = "demon.sweeps.";

    /**
     * The parameter of a trial that names its variant, in its parameters, its
     * {@code sweep.json} entry and its {@code trials.csv} row: the first one, before the
     * swept training properties, when the sweep has variants.
     */
    public static final String VARIANT = "variant";

    /**
     * Copies the variants and the parameters, keeping their order.
     */
    public SweepDefinition {
        Map<String, Map<String, String>> variantsCopy = new LinkedHashMap<>();
        variants.forEach((variant, settings) -> variantsCopy.put(variant,
                Collections.unmodifiableMap(new LinkedHashMap<>(settings))));
        variants = Collections.unmodifiableMap(variantsCopy);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        parameters = Collections.unmodifiableMap(copy);
    }

    /**
     * The full name of one of this sweep's properties.
     * @param property relative to the sweep, such as {@code trials}
     * @return {@code demon.sweeps.<name>.<property>}
     */
    public String property(String property) {
        return PREFIX + name + "." + property;
    }

    /**
     * What a run of the sweep records of its definition, and a resumed run must have
     * unchanged: every property that decides which trials run and how they are judged, by
     * its full name ({@code demon.sweeps.<name>.trials}). Not the concurrency, which
     * changes how fast the trials train, not what they compute.
     * @return value by property, unset ones as {@code none}, a parameter's values joined
     * by commas; with variants, their names in order under {@code variants} and each
     * variant's settings under {@code variants.<variant>.<setting>}
     */
    public Map<String, String> recorded() {
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put(property("pipeline"), Objects.toString(pipeline, "none"));
        recorded.put(property("search"), PropertyValues.of(search));
        recorded.put(property("trials"), Objects.toString(trials, "none"));
        recorded.put(property("sampling-seed"), Long.toString(samplingSeed));
        if (!variants.isEmpty()) {
            recorded.put(property("variants"), String.join(",", variants.keySet()));
            variants.forEach((variant, settings) -> settings
                .forEach((key, value) -> recorded.put(property("variants." + variant + "." + key), value)));
        }
        parameters.forEach((key, values) -> recorded.put(property("parameters." + key), String.join(",", values)));
        recorded.put(property("objective"), objective != null ? PropertyValues.of(objective) : "none");
        recorded.put(property("pruning"), PropertyValues.of(pruning));
        recorded.put(property("pruning-warmup-epochs"), Integer.toString(pruningWarmupEpochs));
        recorded.put(property("pruning-startup-trials"), Integer.toString(pruningStartupTrials));
        return recorded;
    }

}
