package dev.demon.spring.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The configuration a run was started with: every {@code demon.*} property that changes
 * training, with the values in force (the pipeline's own epochs and batch size unless
 * overridden), and the engine. It is recorded with the run and written to
 * {@code report.json}; a resumed run must have the same.
 *
 * @param optimizer {@code demon.optimizer}: sgdm or adam
 * @param momentumSchedule the momentum schedule's name ({@code demon.momentum.schedule},
 * or a user-defined schedule's {@code name()})
 * @param betaInit β at the first update, as the momentum schedule reports it
 * ({@code demon.momentum.beta-init} for the starter's schedules), or null when the
 * schedule reports none (an application's lambda, say)
 * @param decayStart the fraction of T before Demon's decay starts
 * ({@code demon.momentum.decay-start}), or null for a schedule without one
 * @param learningRate η0 in force: {@code demon.learning-rate.initial} or the optimizer's
 * default
 * @param learningRateSchedule {@code demon.learning-rate.schedule}
 * @param plateauPatience {@code demon.learning-rate.plateau-patience} with the plateau
 * schedule, null with any other (which does not use it)
 * @param weightDecay {@code demon.weight-decay}
 * @param epochs the epochs in force ({@code demon.epochs} or the pipeline's)
 * @param batchSize the batch size in force ({@code demon.batch-size} or the pipeline's)
 * @param seed {@code demon.seed}, or null
 * @param engine DJL's engine name, e.g. "MXNet"
 * @param engineVersion the engine's version
 */
public record TrainingConfiguration(String optimizer, String momentumSchedule, @Nullable Float betaInit,
        @Nullable Float decayStart, float learningRate, String learningRateSchedule, @Nullable Integer plateauPatience,
        float weightDecay, int epochs, int batchSize, @Nullable Integer seed, String engine, String engineVersion) {

    /** How {@link #byProperty()} writes a value that is not set or not reported. */
    public static final String NONE = "none";

    /**
     * The values by the property a user sets to change them, in the contract's order; the
     * engine under {@code engine}.
     * @return property name to value, as text
     */
    public Map<String, String> byProperty() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("demon.optimizer", optimizer);
        values.put("demon.momentum.schedule", momentumSchedule);
        values.put("demon.momentum.beta-init", Objects.toString(betaInit, NONE));
        values.put("demon.momentum.decay-start", Objects.toString(decayStart, NONE));
        values.put("demon.learning-rate.initial", Float.toString(learningRate));
        values.put("demon.learning-rate.schedule", learningRateSchedule);
        values.put("demon.learning-rate.plateau-patience", Objects.toString(plateauPatience, NONE));
        values.put("demon.weight-decay", Float.toString(weightDecay));
        values.put("demon.epochs", Integer.toString(epochs));
        values.put("demon.batch-size", Integer.toString(batchSize));
        values.put("demon.seed", Objects.toString(seed, NONE));
        values.put("engine", engine + " " + engineVersion);
        return values;
    }
}
