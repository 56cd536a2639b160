package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.SerializationFeature;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.TrainingConfiguration;

/**
 * Where one trial of a sweep stands, as its partition's {@link ExecutionContext} keeps it
 * in the JobRepository: the trial's parameters, set when the sweep is partitioned, the
 * configuration it trains with, recorded when it starts, and what its epochs achieved,
 * stored after every epoch. The pruner, the results and the training page read it there,
 * in this process or any other sharing the JobRepository.
 *
 * @param trial the partition's key, such as {@code trial-0001}
 * @param parameters the trial's training properties by their {@code demon.*} names
 * relative to {@code demon.} (such as {@code learning-rate.initial}), in the sweep's
 * declared order
 * @param configuration the trial's whole configuration, as a run records its own
 * ({@link dev.demon.spring.training.RunConfiguration#record()}): the pipeline's with the
 * parameters on top, and the engine; null before the trial's first start
 * @param objectives the objective after each finished epoch, epoch 1 first; NaN where the
 * epoch's figure was not finite
 * @param validationLosses the validation loss after each finished epoch, which breaks a
 * tie of the objective as a run's best epoch breaks it
 * ({@link dev.demon.spring.training.ModelMonitor#isBetter}); empty for a trial recorded
 * before the losses were
 * @param attempts how many times the trial has started training (1 for one that was never
 * resumed), 0 before its first start
 * @param updatesDone optimizer updates done so far
 * @param seconds wall time the trial has trained, over all its attempts
 * @param host the host of the process that trained it last, or null before its first
 * start
 */
public record TrialProgress(String trial, Map<String, String> parameters, @Nullable TrainingConfiguration configuration,
        List<Double> objectives, List<Double> validationLosses, int attempts, long updatesDone, double seconds,
        @Nullable String host) {

    private static final String PARAMETER_PREFIX = "demon.trial.parameter.";

    private static final String PARAMETER_NAMES = "demon.trial.parameters";

    private static final String CONFIGURATION = "demon.trial.configuration";

    private static final String OBJECTIVES = "demon.trial.objectives";

    private static final String VALIDATION_LOSSES = "demon.trial.validation-losses";

    private static final String ATTEMPTS = "demon.trial.attempts";

    private static final String UPDATES_DONE = "demon.trial.updates-done";

    private static final String SECONDS = "demon.trial.seconds";

    private static final String HOST = "demon.trial.host";

    /**
     * Copies the collections, keeping their order.
     */
    public TrialProgress {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        objectives = List.copyOf(objectives);
        validationLosses = List.copyOf(validationLosses);
    }

    /**
     * A trial that has not started.
     * @param trial its partition key
     * @param parameters its training properties by name
     * @return its progress: no epoch, no attempt
     */
    public static TrialProgress notStarted(String trial, Map<String, String> parameters) {
        return new TrialProgress(trial, parameters, null, List.of(), List.of(), 0, 0, 0, null);
    }

    /**
     * Reads a trial's progress from its partition's context.
     * @param trial the partition's key
     * @param context the partition's execution context
     * @return what the context holds; an absent figure reads as its not-started value
     */
    public static TrialProgress readFrom(String trial, ExecutionContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String names = context.getString(PARAMETER_NAMES, "");
        for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
            parameters.put(name, context.getString(PARAMETER_PREFIX + name));
        }
        String configuration = context.getString(CONFIGURATION, null);
        return new TrialProgress(trial, parameters,
                configuration != null ? ReportJson.mapper().readValue(configuration, TrainingConfiguration.class)
                        : null,
                numbers(context.getString(OBJECTIVES, "")), numbers(context.getString(VALIDATION_LOSSES, "")),
                context.getInt(ATTEMPTS, 0), context.getLong(UPDATES_DONE, 0), context.getDouble(SECONDS, 0),
                context.getString(HOST, null));
    }

    private static List<Double> numbers(String written) {
        return written.isEmpty() ? List.of() : Stream.of(written.split(",")).map(Double::valueOf).toList();
    }

    private static String written(List<Double> numbers) {
        return String.join(",", numbers.stream().map(String::valueOf).toList());
    }

    /**
     * Writes this progress into a partition's context, replacing what it held.
     * @param context the partition's execution context
     */
    public void writeTo(ExecutionContext context) {
        // Names are demon.* property names: no commas in them.
        context.putString(PARAMETER_NAMES, String.join(",", parameters.keySet()));
        parameters.forEach((name, value) -> context.putString(PARAMETER_PREFIX + name, value));
        if (configuration != null) {
            // One entry, as report.json writes it: compact in the context, read back
            // whole.
            context.putString(CONFIGURATION,
                    ReportJson.mapper()
                        .writer()
                        .without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(configuration));
        }
        context.putString(OBJECTIVES, written(objectives));
        context.putString(VALIDATION_LOSSES, written(validationLosses));
        context.putInt(ATTEMPTS, attempts);
        context.putLong(UPDATES_DONE, updatesDone);
        context.putDouble(SECONDS, seconds);
        if (host != null) {
            context.putString(HOST, host);
        }
    }

    /**
     * The objective at an epoch.
     * @param epoch 1-based
     * @return its value, or null when the epoch has not finished
     */
    public @Nullable Double objectiveAt(int epoch) {
        return (epoch >= 1 && epoch <= objectives.size()) ? objectives.get(epoch - 1) : null;
    }

    /**
     * The validation loss at an epoch.
     * @param epoch 1-based
     * @return its value, or NaN when it was not recorded
     */
    public double validationLossAt(int epoch) {
        return (epoch >= 1 && epoch <= validationLosses.size()) ? validationLosses.get(epoch - 1) : Double.NaN;
    }

    /**
     * This progress after one more finished epoch.
     * @param objective the epoch's objective
     * @param validationLoss the epoch's validation loss
     * @param updatesDone the updates done after it
     * @param seconds the trial's wall time after it, over all attempts
     * @return the new progress
     */
    public TrialProgress withEpoch(double objective, double validationLoss, long updatesDone, double seconds) {
        List<Double> moreObjectives = new ArrayList<>(objectives);
        moreObjectives.add(objective);
        List<Double> moreLosses = new ArrayList<>(validationLosses);
        moreLosses.add(validationLoss);
        return new TrialProgress(trial, parameters, configuration, moreObjectives, moreLosses, attempts, updatesDone,
                seconds, host);
    }

    /**
     * This progress as a new attempt starts it on a host.
     * @param host the host of the process that trains it now
     * @return the new progress, one attempt more
     */
    public TrialProgress withAttempt(String host) {
        return new TrialProgress(trial, parameters, configuration, objectives, validationLosses, attempts + 1,
                updatesDone, seconds, host);
    }

    /**
     * This progress with the configuration the trial trains with.
     * @param configuration the record of its run configuration
     * @return the new progress
     */
    public TrialProgress withConfiguration(TrainingConfiguration configuration) {
        return new TrialProgress(trial, parameters, configuration, objectives, validationLosses, attempts, updatesDone,
                seconds, host);
    }

    /**
     * This progress when the trial stopped inside an epoch: the epochs it finished, and
     * the updates and time of the unfinished one too.
     * @param updatesDone the updates done when it stopped
     * @param seconds the trial's wall time when it stopped, over all attempts
     * @return the new progress
     */
    public TrialProgress withStop(long updatesDone, double seconds) {
        return new TrialProgress(trial, parameters, configuration, objectives, validationLosses, attempts, updatesDone,
                seconds, host);
    }

}
