package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.text.EditDistance;
import dev.demon.spring.training.AccuracyEvaluator;
import dev.demon.spring.training.InvalidTrainingSettingException;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;

/**
 * A sweep checked against its pipeline and ready to run: the parameters of every trial,
 * in trial order, and the objective that ranks them. Made by {@link #of}, which refuses a
 * definition that cannot run, by property, before anything trains.
 *
 * @param definition the sweep's properties, its parameter names in their canonical form
 * ({@code learning-rate.initial})
 * @param declaration the pipeline's annotation
 * @param pipeline the pipeline bean
 * @param objective what ranks the trials: the sweep's objective or the pipeline's monitor
 * @param trials each trial's parameters by name, trial 1 first: its variant under
 * {@link SweepDefinition#VARIANT} first when the sweep has variants, then its training
 * properties ({@link #settings} gives what it trains with)
 */
public record SweepPlan(SweepDefinition definition, TrainingPipeline declaration, PipelineDefinition pipeline,
        ModelMonitor objective, List<Map<String, String>> trials) {

    /**
     * Checks a sweep against its pipeline and lists its trials.
     * @param definition the sweep's properties
     * @param declaration the annotation of the pipeline it names
     * @param pipeline that pipeline's bean
     * @param configuredMonitor {@code demon.model.monitor}, or null
     * @param configurations the run configuration of the pipeline with a trial's settings
     * on top of its own
     * @return the plan
     * @throws InvalidSweepException naming the first property that cannot work: a
     * concurrency or warm-up below 1, negative startup trials, neither parameters nor
     * variants, a parameter or variant setting that is no training property (with the
     * closest one), a value out of its range, a variant setting that is swept too, every
     * refusal of {@link SearchSpace}, an objective the pipeline cannot report, or a
     * warm-up not shorter than a trial's epochs
     */
    public static SweepPlan of(SweepDefinition definition, TrainingPipeline declaration, PipelineDefinition pipeline,
            @Nullable ModelMonitor configuredMonitor, Function<TrainingSettings, RunConfiguration> configurations) {
        String sweep = definition.name();
        if (definition.concurrency() < 1) {
            throw new InvalidSweepException(sweep, "concurrency", Integer.toString(definition.concurrency()),
                    "must be >= 1");
        }
        if (definition.pruningWarmupEpochs() < 1) {
            throw new InvalidSweepException(sweep, "pruning-warmup-epochs",
                    Integer.toString(definition.pruningWarmupEpochs()), "must be >= 1");
        }
        if (definition.pruningStartupTrials() < 0) {
            throw new InvalidSweepException(sweep, "pruning-startup-trials",
                    Integer.toString(definition.pruningStartupTrials()), "must be >= 0");
        }
        if (definition.parameters().isEmpty() && definition.variants().isEmpty()) {
            throw new InvalidSweepException(sweep, "parameters", "",
                    "must name at least one training property to sweep: "
                            + String.join(", ", TrainingSettings.names()));
        }
        SweepDefinition canonical = canonical(definition);
        Map<String, ParameterDomain> domains = new LinkedHashMap<>();
        if (!canonical.variants().isEmpty()) {
            domains.put(SweepDefinition.VARIANT,
                    new ParameterDomain.Values(List.copyOf(canonical.variants().keySet())));
        }
        canonical.parameters().forEach((name, values) -> domains.put(name, ParameterDomain.parse(sweep, name, values)));
        SearchSpace space = new SearchSpace(sweep, domains);
        List<Map<String, String>> trials = (canonical.search() == SweepSearch.GRID) ? space.grid()
                : space.random(canonical.trials(), canonical.samplingSeed());
        List<TrainingSettings> settings = new ArrayList<>();
        for (Map<String, String> trial : trials) {
            settings.add(settingsOf(canonical, trial));
        }
        ModelMonitor objective = objective(canonical, declaration, pipeline, configuredMonitor);
        if (canonical.pruning() == SweepPruning.MEDIAN) {
            for (int i = 0; i < settings.size(); i++) {
                int epochs = configurations.apply(settings.get(i)).epochs();
                if (canonical.pruningWarmupEpochs() >= epochs) {
                    throw new InvalidSweepException(sweep, "pruning-warmup-epochs",
                            Integer.toString(canonical.pruningWarmupEpochs()),
                            "must be shorter than the " + epochs + " epochs of " + SweepPartitioner.key(i + 1) + " "
                                    + trials.get(i) + ", or no trial could ever be pruned");
                }
            }
        }
        return new SweepPlan(canonical, declaration, pipeline, objective, trials);
    }

    /**
     * The definition with each parameter and variant setting under its canonical name,
     * refusing unknown names, a variant setting that is swept too, and a variant setting
     * out of its range.
     */
    private static SweepDefinition canonical(SweepDefinition definition) {
        String sweep = definition.name();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        definition.parameters()
            .forEach((written, values) -> parameters
                .put(canonicalName(sweep, "parameters.", written, String.join(",", values)), values));
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        definition.variants().forEach((variant, written) -> {
            String prefix = "variants." + variant + ".";
            Map<String, String> settings = new LinkedHashMap<>();
            written.forEach((name, value) -> {
                String setting = canonicalName(sweep, prefix, name, value);
                if (parameters.containsKey(setting)) {
                    throw new InvalidSweepException(sweep, prefix + name, value,
                            "is swept too, as " + definition.property("parameters." + setting)
                                    + "; a training property is set by the variants or swept by the parameters, "
                                    + "not both");
                }
                settings.put(setting, value);
            });
            try {
                TrainingSettings.parse(settings);
            }
            catch (InvalidTrainingSettingException ex) {
                throw new InvalidSweepException(sweep, prefix + ex.getName(), ex.getValue(), ex.getReason());
            }
            variants.put(variant, settings);
        });
        return new SweepDefinition(sweep, definition.pipeline(), definition.search(), definition.trials(),
                definition.samplingSeed(), variants, parameters, definition.objective(), definition.pruning(),
                definition.pruningWarmupEpochs(), definition.pruningStartupTrials(), definition.concurrency());
    }

    /**
     * The training property a name written under a sweep names.
     * @throws InvalidSweepException naming {@code <prefix><written>} when it names none,
     * with the closest one
     */
    private static String canonicalName(String sweep, String prefix, String written, String value) {
        return TrainingSettings.names()
            .stream()
            .filter(known -> uniform(known).equals(uniform(written)))
            .findFirst()
            .orElseThrow(() -> new InvalidSweepException(sweep, prefix + written, value,
                    "is not a training property; the closest one is "
                            + EditDistance.closest(written, TrainingSettings.names())));
    }

    /** A name in the form its relaxed spellings share: learningRate.initial. */
    private static String uniform(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The settings a trial trains with: its variant's, if it names one, and its swept
     * parameters.
     * @param parameters the trial's parameters, as {@link #trials()} gives them
     * @return its settings
     * @throws InvalidSweepException naming the first parameter out of its range, or
     * {@code variant} when the trial names a variant the sweep does not have
     */
    public TrainingSettings settings(Map<String, String> parameters) {
        return settingsOf(definition, parameters);
    }

    private static TrainingSettings settingsOf(SweepDefinition definition, Map<String, String> trial) {
        Map<String, String> settings = new LinkedHashMap<>();
        String variant = trial.get(SweepDefinition.VARIANT);
        if (variant != null) {
            Map<String, String> variantSettings = definition.variants().get(variant);
            if (variantSettings == null) {
                throw new InvalidSweepException(definition.name(), "variants", variant,
                        "is no variant of the sweep; variants: " + String.join(", ", definition.variants().keySet()));
            }
            settings.putAll(variantSettings);
        }
        trial.forEach((name, value) -> {
            if (!name.equals(SweepDefinition.VARIANT)) {
                settings.put(name, value);
            }
        });
        try {
            return TrainingSettings.parse(settings);
        }
        catch (InvalidTrainingSettingException ex) {
            throw new InvalidSweepException(definition.name(), "parameters." + ex.getName(), ex.getValue(),
                    ex.getReason());
        }
    }

    private static ModelMonitor objective(SweepDefinition definition, TrainingPipeline declaration,
            PipelineDefinition pipeline, @Nullable ModelMonitor configuredMonitor) {
        boolean measuresAccuracy = AccuracyEvaluator.in(pipeline.evaluators()).isPresent();
        ModelMonitor objective = definition.objective();
        if (objective == null) {
            return ModelMonitor.select(declaration.name(), declaration.monitor(), configuredMonitor, measuresAccuracy);
        }
        if (objective == ModelMonitor.VALIDATION_ACCURACY && !measuresAccuracy) {
            throw new InvalidSweepException(definition.name(), "objective", PropertyValues.of(objective),
                    "pipeline " + declaration.name() + " has no accuracy evaluator (an "
                            + "ai.djl.training.evaluator.Accuracy among its evaluators()), so it has no validation "
                            + "accuracy; use validation-loss");
        }
        return objective;
    }

    /**
     * The sweep's name, also its job's.
     * @return the name
     */
    public String name() {
        return definition.name();
    }

    /**
     * The name of the partitioned step that trains the trials.
     * @return {@code <sweep>-trials}
     */
    public String trialsStepName() {
        return name() + "-trials";
    }

    /**
     * The name of the worker step that trains one trial; each partition's step execution
     * is {@code <sweep>-trial:<trial>}.
     * @return {@code <sweep>-trial}
     */
    public String trialStepName() {
        return name() + "-trial";
    }

    /**
     * Whether lower or higher objectives are better.
     * @return minimize a loss, maximize an accuracy
     */
    public ObjectiveDirection direction() {
        return ObjectiveDirection.of(objective);
    }

    /**
     * What the results, the training page and the meters say of the sweep.
     * @return its summary
     */
    public SweepSummary summary() {
        return new SweepSummary(name(), declaration.name(), PropertyValues.of(definition.search()), objective,
                trialStepName());
    }

}
