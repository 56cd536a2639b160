package dev.demon.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.UnfinishedRun;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.promotion.PromotionMode;
import dev.demon.spring.promotion.PromotionSettings;
import dev.demon.spring.remote.RemoteRole;
import dev.demon.spring.sweep.SweepDefinition;
import dev.demon.spring.sweep.SweepPruning;
import dev.demon.spring.sweep.SweepSearch;
import dev.demon.spring.training.EarlyStoppingMode;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.training.EngineType;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.TrainingSettings;

/**
 * Configuration of the Demon starter, prefix {@code demon}. Bound once at start-up and
 * immutable; a value out of range stops the application before any training, with a
 * message naming the property, the value and the allowed range
 * ({@link DemonPropertiesFailureAnalyzer}).
 *
 * <p>
 * A {@code demon.*} key that is none of these properties (a misspelling such as
 * {@code demon.optimiser}) is refused too, rather than silently ignored, naming the
 * closest property. Relaxed binding still applies: {@code DEMON_OPTIMIZER} or
 * {@code demon.learningRate.initial} are these properties.
 *
 * <p>
 * Every constraint message states the whole allowed range, so that the failure message
 * can quote it as it is.
 *
 * @param enabled Whether the starter is on. When false it creates nothing.
 * @param optimizer Optimizer: sgdm (SGD with momentum, paper Algorithm 1) or adam (paper
 * Algorithm 2).
 * @param momentum Momentum schedule β_t.
 * @param learningRate Learning rate and its schedule.
 * @param weightDecay Coupled L2 weight decay added to the gradient, as in DJL's
 * optimizers; >= 0.
 * @param epochs Number of epochs of every pipeline, >= 1. Overrides the epochs each
 * pipeline declares in its annotation.
 * @param batchSize Mini-batch size of every pipeline, >= 1. Overrides the batch size each
 * pipeline declares in its annotation.
 * @param checkpoint Where checkpoints, reports and the default job repository are kept.
 * @param seed Random seed of the engine. When set, parameter initialisation and data
 * shuffling are repeatable, and a resumed job continues bit for bit as an uninterrupted
 * one would (each epoch reseeds with seed + epoch).
 * @param model Which epoch's model is saved as the best one, and when it is served.
 * @param unfinishedRun What a start does with the pipeline's unfinished run (FAILED,
 * STOPPED, or STARTED by a process that is gone): resume (continue it when its
 * configuration is the same, refuse to start otherwise) or abandon (mark it ABANDONED and
 * start a new run).
 * @param engine DJL engine to train and serve on: mxnet or pytorch. Defaults to DJL's
 * default among the engines on the class path (MXNet when both are there). It must be on
 * the class path; it becomes DJL's default engine of the application.
 * @param lease The lease a process holds on a running job in the JobRepository's
 * database.
 * @param page The training page at /demon, in an application with a servlet web server.
 * @param pipelines Training properties of one pipeline, by the pipeline's name: each
 * overrides the global property of the same name for that pipeline only, e.g.
 * demon.pipelines.two-moons.learning-rate.initial=0.05. A name that is no pipeline stops
 * the application at start-up.
 * @param sweeps Sweeps, by name: each a Spring Batch job of that name that trains many
 * trials of one pipeline, each trial with its own training properties, e.g.
 * demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.1.
 * @param earlyStopping Whether and how a run stops before its last epoch, checked after
 * every epoch (Keras' and Lightning's EarlyStopping).
 * @param remote Sweeps across machines: whether this process sends its sweeps' trials to
 * worker processes, or is such a worker.
 */
@ConfigurationProperties(prefix = "demon", ignoreUnknownFields = false)
@Validated
public record DemonProperties(@DefaultValue("false") boolean enabled,
        @NotNull(message = REQUIRED) @DefaultValue("sgdm") OptimizerType optimizer,
        @Valid @DefaultValue Momentum momentum, @Valid @DefaultValue LearningRate learningRate,
        @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                message = AT_LEAST_ZERO) @DefaultValue("0") float weightDecay,
        @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer epochs,
        @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer batchSize, @Valid @DefaultValue Checkpoint checkpoint,
        @Nullable Integer seed, @Valid @DefaultValue Model model,
        @NotNull(message = REQUIRED) @DefaultValue("resume") UnfinishedRun unfinishedRun, @Nullable EngineType engine,
        @Valid @DefaultValue Lease lease, @DefaultValue Page page,
        @DefaultValue Map<String, @Valid PipelineOverrides> pipelines,
        @DefaultValue Map<String, @Valid SweepProperties> sweeps, @Valid @DefaultValue EarlyStopping earlyStopping,
        @Valid @DefaultValue Remote remote) {

    /** Default of {@code demon.checkpoint.dir}, relative to the working directory. */
    public static final String DEFAULT_CHECKPOINT_DIR = "./demon-checkpoints";

    // The training properties are checked as TrainingSettings checks a pipeline's or a
    // trial's, with the same messages.
    static final String IN_HALF_OPEN_UNIT_INTERVAL = TrainingSettings.IN_HALF_OPEN_UNIT_INTERVAL;
    static final String LARGEST_FLOAT = TrainingSettings.LARGEST_FLOAT;
    static final String AT_LEAST_ZERO = TrainingSettings.AT_LEAST_ZERO;
    static final String AT_LEAST_ONE = TrainingSettings.AT_LEAST_ONE;
    static final String POSITIVE = TrainingSettings.POSITIVE;
    static final String REQUIRED = "must be set";
    static final String AT_LEAST_ZERO_COUNT = TrainingSettings.AT_LEAST_ZERO_COUNT;
    static final String FINITE = "must be finite";

    /**
     * The learning rate in force: {@code demon.learning-rate.initial} when set, else the
     * optimizer's default (0.01 for sgdm, 0.0001 for adam).
     * @return η0 &gt; 0
     */
    public float initialLearningRate() {
        return learningRate.initial() != null ? learningRate.initial() : optimizer.defaultLearningRate();
    }

    /**
     * The global training properties, as the settings a pipeline's overrides and a
     * trial's fall back on. The learning rate is unset when
     * {@code demon.learning-rate.initial} is, since its default depends on the optimizer
     * in force.
     * @return the global settings; only the learning rate, epochs, batch size and seed
     * may be unset
     */
    public TrainingSettings trainingSettings() {
        return new TrainingSettings(optimizer, momentum.schedule(), momentum.betaInit(), momentum.decayStart(),
                learningRate.initial(), learningRate.schedule(), learningRate.plateauPatience(), weightDecay, epochs,
                batchSize, seed);
    }

    /**
     * The momentum schedule β_t.
     *
     * @param schedule Momentum schedule: demon, constant, linear, cosine, exponential or
     * one-cycle.
     * @param betaInit β at the first update (for one-cycle: β at the start and end of the
     * cycle), in [0, 1).
     * @param decayStart Fraction of the total updates T before Demon starts decaying
     * (demon only), in [0, 1).
     */
    public record Momentum(@NotNull(message = REQUIRED) @DefaultValue("demon") MomentumScheduleType schedule,
            @DecimalMin(value = "0", message = IN_HALF_OPEN_UNIT_INTERVAL) @DecimalMax(value = "1", inclusive = false,
                    message = IN_HALF_OPEN_UNIT_INTERVAL) @DefaultValue("0.9") float betaInit,
            @DecimalMin(value = "0", message = IN_HALF_OPEN_UNIT_INTERVAL) @DecimalMax(value = "1", inclusive = false,
                    message = IN_HALF_OPEN_UNIT_INTERVAL) @DefaultValue("0") float decayStart) {
    }

    /**
     * The learning rate η_t.
     *
     * @param initial Initial learning rate η0, > 0. Defaults to 0.01 with sgdm and 0.0001
     * with adam.
     * @param schedule How η evolves over the T updates: fixed, step (x0.1 at 50% and 75%
     * of T), cosine (to 0 at T), linear (to 0 at T), exponential (to 1% at T), one-cycle
     * (peak η0) or plateau (x0.1 after plateau-patience epochs without validation-loss
     * improvement).
     * @param plateauPatience Epochs without a better validation loss after which the
     * plateau schedule multiplies η by 0.1 (PyTorch's ReduceLROnPlateau patience), >= 0.
     */
    public record LearningRate(
            @DecimalMin(value = "0", inclusive = false, message = POSITIVE) @DecimalMax(value = LARGEST_FLOAT,
                    message = POSITIVE) Float initial,
            @NotNull(message = REQUIRED) @DefaultValue("fixed") LearningRateScheduleType schedule,
            @Min(value = 0, message = AT_LEAST_ZERO_COUNT) @DefaultValue("10") int plateauPatience) {
    }

    /**
     * The training properties of one pipeline, each unset unless written: an unset one is
     * the global property's value. Checked as the global properties are.
     *
     * @param optimizer Optimizer of this pipeline: sgdm or adam.
     * @param momentum Momentum schedule of this pipeline. Setting any of its properties
     * builds this pipeline's schedule from them (and the global ones), instead of using
     * the application's MomentumSchedule.
     * @param learningRate Learning rate of this pipeline and its schedule. Unset with the
     * global one unset too: the default of this pipeline's optimizer.
     * @param weightDecay Coupled L2 weight decay of this pipeline, >= 0.
     * @param epochs Number of epochs of this pipeline, >= 1.
     * @param batchSize Mini-batch size of this pipeline, >= 1.
     * @param seed Random seed of this pipeline's engine.
     * @param earlyStopping Early stopping of this pipeline: each property set here
     * overrides the global demon.early-stopping one.
     * @param model Promotion of this pipeline's models: each property set here overrides
     * the global demon.model one.
     */
    public record PipelineOverrides(@Nullable OptimizerType optimizer, @Valid @DefaultValue PipelineMomentum momentum,
            @Valid @DefaultValue PipelineLearningRate learningRate,
            @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                    message = AT_LEAST_ZERO) @Nullable Float weightDecay,
            @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer epochs,
            @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer batchSize, @Nullable Integer seed,
            @Valid @DefaultValue PipelineEarlyStopping earlyStopping, @Valid @DefaultValue PipelineModel model) {

        /**
         * These overrides as training settings.
         * @return the settings, unset where no property is written
         */
        public TrainingSettings trainingSettings() {
            return new TrainingSettings(optimizer, momentum.schedule(), momentum.betaInit(), momentum.decayStart(),
                    learningRate.initial(), learningRate.schedule(), learningRate.plateauPatience(), weightDecay,
                    epochs, batchSize, seed);
        }

    }

    /**
     * Early stopping: after every epoch the monitored figure is checked, and the run ends
     * before its last epoch when it stops improving, reaches a threshold or diverges.
     *
     * @param enabled Whether runs may stop before their last epoch.
     * @param monitor Figure checked after every epoch: validation-loss or
     * validation-accuracy. Defaults to each pipeline's monitor (demon.model.monitor).
     * @param minDelta A change of the monitored figure no larger than this counts as no
     * improvement, >= 0.
     * @param patience Epochs without improvement after which the run stops, >= 1.
     * @param startFromEpoch Epochs at the start of a run that are not checked, >= 0.
     * @param stoppingThreshold Stop once the monitored figure reaches this value (at most
     * it for a loss, at least it for an accuracy).
     * @param divergenceThreshold Stop once the monitored figure is worse than this value.
     * @param mode What a decided stop does: stop (end after the epoch that decided) or
     * decay-then-stop (train decay-epochs more epochs with β, and a learning-rate
     * schedule that depends on T, re-planned to reach their end, then end).
     * @param decayEpochs Epochs of decay-then-stop's decay, >= 1 and below the epochs.
     */
    public record EarlyStopping(@DefaultValue("false") boolean enabled, @Nullable ModelMonitor monitor,
            @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                    message = AT_LEAST_ZERO) @DefaultValue("0") float minDelta,
            @Min(value = 1, message = AT_LEAST_ONE) @DefaultValue("3") int patience,
            @Min(value = 0, message = AT_LEAST_ZERO_COUNT) @DefaultValue("0") int startFromEpoch,
            @DecimalMax(value = LARGEST_FLOAT, message = FINITE) @DecimalMin(value = "-" + LARGEST_FLOAT,
                    message = FINITE) @Nullable Float stoppingThreshold,
            @DecimalMax(value = LARGEST_FLOAT, message = FINITE) @DecimalMin(value = "-" + LARGEST_FLOAT,
                    message = FINITE) @Nullable Float divergenceThreshold,
            @NotNull(message = REQUIRED) @DefaultValue("decay-then-stop") EarlyStoppingMode mode,
            @Min(value = 1, message = AT_LEAST_ONE) @DefaultValue("1") int decayEpochs) {

        /**
         * A pipeline's early stopping: its own properties over these.
         * @param pipeline the pipeline's, each unset unless written
         * @return the settings in force for that pipeline
         */
        public EarlyStoppingSettings settings(PipelineEarlyStopping pipeline) {
            Set<String> set = new LinkedHashSet<>();
            return new EarlyStoppingSettings(or(pipeline.enabled(), enabled, "enabled", set),
                    or(pipeline.monitor(), monitor, "monitor", set),
                    or(pipeline.minDelta(), minDelta, "min-delta", set),
                    or(pipeline.patience(), patience, "patience", set),
                    or(pipeline.startFromEpoch(), startFromEpoch, "start-from-epoch", set),
                    or(pipeline.stoppingThreshold(), stoppingThreshold, "stopping-threshold", set),
                    or(pipeline.divergenceThreshold(), divergenceThreshold, "divergence-threshold", set),
                    or(pipeline.mode(), mode, "mode", set),
                    or(pipeline.decayEpochs(), decayEpochs, "decay-epochs", set), Set.copyOf(set));
        }

        private static <T> T or(@Nullable T own, T global, String name, Set<String> set) {
            if (own == null) {
                return global;
            }
            set.add(name);
            return own;
        }

    }

    /**
     * Early stopping of one pipeline, each property unset unless written.
     *
     * @param enabled Whether this pipeline's runs may stop before their last epoch.
     * @param monitor Figure checked after every epoch of this pipeline: validation-loss
     * or validation-accuracy.
     * @param minDelta A change no larger than this counts as no improvement, >= 0.
     * @param patience Epochs without improvement after which this pipeline's run stops,
     * >= 1.
     * @param startFromEpoch Epochs at the start of this pipeline's runs that are not
     * checked, >= 0.
     * @param stoppingThreshold Stop once the monitored figure reaches this value.
     * @param divergenceThreshold Stop once the monitored figure is worse than this value.
     * @param mode stop or decay-then-stop.
     * @param decayEpochs Epochs of decay-then-stop's decay, >= 1 and below this
     * pipeline's epochs.
     */
    public record PipelineEarlyStopping(@Nullable Boolean enabled, @Nullable ModelMonitor monitor,
            @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                    message = AT_LEAST_ZERO) @Nullable Float minDelta,
            @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer patience,
            @Min(value = 0, message = AT_LEAST_ZERO_COUNT) @Nullable Integer startFromEpoch,
            @DecimalMax(value = LARGEST_FLOAT, message = FINITE) @DecimalMin(value = "-" + LARGEST_FLOAT,
                    message = FINITE) @Nullable Float stoppingThreshold,
            @DecimalMax(value = LARGEST_FLOAT, message = FINITE) @DecimalMin(value = "-" + LARGEST_FLOAT,
                    message = FINITE) @Nullable Float divergenceThreshold,
            @Nullable EarlyStoppingMode mode, @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer decayEpochs) {

        /** Nothing set. */
        public static final PipelineEarlyStopping NONE = new PipelineEarlyStopping(null, null, null, null, null, null,
                null, null, null);

    }

    /**
     * The early stopping of a pipeline.
     * @param pipeline the pipeline's name
     * @return {@code demon.pipelines.<pipeline>.early-stopping.*} over
     * {@code demon.early-stopping.*}
     */
    public EarlyStoppingSettings earlyStopping(String pipeline) {
        PipelineOverrides overrides = pipelines.get(pipeline);
        return earlyStopping.settings(overrides != null ? overrides.earlyStopping() : PipelineEarlyStopping.NONE);
    }

    /**
     * The momentum schedule of one pipeline.
     *
     * @param schedule Momentum schedule of this pipeline: demon, constant, linear,
     * cosine, exponential or one-cycle.
     * @param betaInit β at the first update of this pipeline, in [0, 1).
     * @param decayStart Fraction of the total updates T before Demon starts decaying in
     * this pipeline, in [0, 1).
     */
    public record PipelineMomentum(@Nullable MomentumScheduleType schedule,
            @DecimalMin(value = "0", message = IN_HALF_OPEN_UNIT_INTERVAL) @DecimalMax(value = "1", inclusive = false,
                    message = IN_HALF_OPEN_UNIT_INTERVAL) @Nullable Float betaInit,
            @DecimalMin(value = "0", message = IN_HALF_OPEN_UNIT_INTERVAL) @DecimalMax(value = "1", inclusive = false,
                    message = IN_HALF_OPEN_UNIT_INTERVAL) @Nullable Float decayStart) {
    }

    /**
     * The learning rate of one pipeline.
     *
     * @param initial Initial learning rate η0 of this pipeline, > 0.
     * @param schedule How η evolves over this pipeline's T updates: fixed, step, cosine,
     * linear, exponential, one-cycle or plateau.
     * @param plateauPatience Epochs without a better validation loss after which this
     * pipeline's plateau schedule multiplies η by 0.1, >= 0.
     */
    public record PipelineLearningRate(
            @DecimalMin(value = "0", inclusive = false, message = POSITIVE) @DecimalMax(value = LARGEST_FLOAT,
                    message = POSITIVE) @Nullable Float initial,
            @Nullable LearningRateScheduleType schedule,
            @Min(value = 0, message = AT_LEAST_ZERO_COUNT) @Nullable Integer plateauPatience) {
    }

    /**
     * One sweep: many trials of one pipeline, a partition each of the sweep's Spring
     * Batch job.
     *
     * @param pipeline Name of the @TrainingPipeline whose model the trials train.
     * @param search How the trials are chosen: grid (every combination of the listed
     * values) or random (trials draws from the values and distributions).
     * @param trials Number of trials of a random search, >= 1.
     * @param samplingSeed Seed of a random search's draws: the same seed draws the same
     * trials.
     * @param variants Named sets of training properties that go together, such as a
     * method (optimizer, momentum.schedule, learning-rate.schedule): each trial trains
     * one variant with one point of the parameters, and records it as its variant
     * parameter. By the properties' names relative to demon., as the parameters.
     * @param parameters Values of each swept training property, by its name relative to
     * demon. (learning-rate.initial, momentum.schedule, seed, ...): a list, or for a
     * random search of a float property log-uniform(low, high) or uniform(low, high).
     * @param objective What ranks the trials: validation-loss (lowest wins) or
     * validation-accuracy (highest wins). Defaults to the pipeline's monitor.
     * @param pruning Whether unpromising trials stop early: none or median (a trial worse
     * than the median of the completed trials at the same epoch stops).
     * @param pruningWarmupEpochs Epochs every trial trains before the pruner may stop it,
     * >= 1 and fewer than the trial's epochs.
     * @param pruningStartupTrials Trials that must complete before the pruner stops any,
     * >= 0.
     * @param concurrency Trials trained at once in this process, >= 1.
     */
    public record SweepProperties(@Nullable String pipeline,
            @NotNull(message = REQUIRED) @DefaultValue("grid") SweepSearch search,
            @Min(value = 1, message = AT_LEAST_ONE) @Nullable Integer trials,
            @NotNull(message = REQUIRED) @DefaultValue("0") Long samplingSeed,
            @DefaultValue Map<String, Map<String, String>> variants, @DefaultValue Map<String, List<String>> parameters,
            @Nullable ModelMonitor objective, @NotNull(message = REQUIRED) @DefaultValue("none") SweepPruning pruning,
            @NotNull(message = REQUIRED) @Min(value = 1,
                    message = AT_LEAST_ONE) @DefaultValue("1") Integer pruningWarmupEpochs,
            @NotNull(message = REQUIRED) @Min(value = 0,
                    message = AT_LEAST_ZERO_COUNT) @DefaultValue("5") Integer pruningStartupTrials,
            @NotNull(message = REQUIRED) @Min(value = 1,
                    message = AT_LEAST_ONE) @DefaultValue("1") Integer concurrency) {

        /**
         * This sweep's definition.
         * @param name the sweep's name
         * @return the definition
         */
        public SweepDefinition definition(String name) {
            return new SweepDefinition(name, pipeline, search, trials, samplingSeed, variants, parameters, objective,
                    pruning, pruningWarmupEpochs, pruningStartupTrials, concurrency);
        }

    }

    /**
     * Where each pipeline's checkpoints and report.json are written, one folder per
     * pipeline. The default job repository (H2 database "batch") lives here too.
     *
     * @param dir Folder of the checkpoints, reports and default job repository, relative
     * to the working directory or absolute.
     * @param interval Time after which a checkpoint is written inside an epoch, at the
     * next batch boundary, so that a crash loses at most about this much training (an
     * epoch's end always writes one). A duration such as 10m or 30s.
     */
    public record Checkpoint(@NotNull(message = "must be a folder path") @DefaultValue(DEFAULT_CHECKPOINT_DIR) Path dir,
            @NotNull(message = REQUIRED) @DurationMin(nanos = 1,
                    message = "must be a positive duration, such as 10m or 30s") @DefaultValue("10m") Duration interval) {
    }

    /**
     * The trained models saved when a job completes.
     *
     * @param monitor Which epoch's model best-model/ holds, for every pipeline whose
     * annotation sets no monitor: validation-accuracy (highest wins) or validation-loss
     * (lowest wins). Unset: validation-accuracy for a pipeline with an Accuracy
     * evaluator, validation-loss for one without.
     * @param promotion When a completed run's best model replaces the one served for its
     * pipeline: always (every run's) or if-better (only when it scores better than the
     * served one on the pipeline's validation set by its monitor, by more than
     * promotion-min-delta).
     * @param promotionMinDelta With promotion if-better, how much better than the served
     * model's the new model's figure must be; a difference no larger is no improvement,
     * >= 0.
     */
    public record Model(ModelMonitor monitor,
            @NotNull(message = REQUIRED) @DefaultValue("always") PromotionMode promotion,
            @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                    message = AT_LEAST_ZERO) @DefaultValue("0") float promotionMinDelta) {
    }

    /**
     * The promotion of one pipeline's models, each property unset unless written.
     *
     * @param promotion When this pipeline's runs replace the model it serves: always or
     * if-better.
     * @param promotionMinDelta With if-better, how much better the new model's figure
     * must be, >= 0.
     */
    public record PipelineModel(@Nullable PromotionMode promotion,
            @DecimalMin(value = "0", message = AT_LEAST_ZERO) @DecimalMax(value = LARGEST_FLOAT,
                    message = AT_LEAST_ZERO) @Nullable Float promotionMinDelta) {
    }

    /**
     * The promotion of a pipeline's models.
     * @param pipeline the pipeline's name
     * @return {@code demon.pipelines.<pipeline>.model.promotion*} over
     * {@code demon.model.promotion*}
     */
    public PromotionSettings promotion(String pipeline) {
        PipelineOverrides overrides = pipelines.get(pipeline);
        PipelineModel own = overrides != null ? overrides.model() : null;
        PromotionMode mode = (own != null && own.promotion() != null) ? own.promotion() : model.promotion();
        float minDelta = (own != null && own.promotionMinDelta() != null) ? own.promotionMinDelta()
                : model.promotionMinDelta();
        return new PromotionSettings(mode, minDelta);
    }

    /**
     * The lease a process holds on a running job, renewed six times per time to live.
     *
     * @param timeToLive How long a lease lives after its holder's last renewal: a crashed
     * holder on another host is taken over after this long, and a holder that cannot
     * renew it for this long (frozen, cut off from the database) stops training and
     * writing. Keep it well above the clock skew between hosts and a database restart. A
     * duration such as 30s.
     */
    public record Lease(@NotNull(message = REQUIRED) @DurationMin(seconds = 1,
            message = "must be a duration of at least 1s, such as 30s") @DefaultValue("30s") Duration timeToLive) {
    }

    /**
     * The training page.
     *
     * @param enabled Whether to serve the training page at /demon (and its JSON at
     * /demon/api/pipelines) in an application with a servlet web server.
     */
    public record Page(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Sweeps across machines (docs/remote-workers.md): a manager sends each trial of its
     * sweeps over JMS, and worker processes train them, sharing the JobRepository.
     *
     * @param role What this process is: none (trains its sweeps' trials itself), manager
     * (sends them to workers) or worker (runs no job, trains the trials managers send).
     * @param queue The JMS queue that carries the trial requests, the same for the
     * manager and its workers.
     * @param pollInterval How often the manager reads the JobRepository for its trials'
     * statuses and their workers' leases.
     * @param timeout How long the manager waits for a sweep's trials at most; then the
     * sweep ends FAILED, resumable. A trial whose worker is gone is noticed by its lease,
     * not by this.
     * @param maxAttempts How many times a trial is started within one execution of its
     * sweep before it ends FAILED, >= 1.
     * @param broker The broker the manager embeds unless spring.artemis.broker-url names
     * another.
     */
    public record Remote(@NotNull(message = REQUIRED) @DefaultValue("none") RemoteRole role,
            @NotNull(message = REQUIRED) @DefaultValue("demon-trials") String queue,
            @NotNull(message = REQUIRED) @DurationMin(millis = 1,
                    message = "must be a positive duration, such as 5s") @DefaultValue("5s") Duration pollInterval,
            @NotNull(message = REQUIRED) @DurationMin(millis = 1,
                    message = "must be a positive duration, such as 24h") @DefaultValue("24h") Duration timeout,
            @Min(value = 1, message = AT_LEAST_ONE) @DefaultValue("3") int maxAttempts,
            @Valid @DefaultValue Broker broker) {
    }

    /**
     * The broker a manager embeds (Spring Boot's Artemis), when spring.artemis.broker-url
     * names none.
     *
     * @param host Address the embedded broker listens on for the workers. A non-loopback
     * address needs spring.artemis.user and spring.artemis.password, which the workers
     * then give.
     * @param port Port the embedded broker listens on for the workers.
     */
    public record Broker(@NotNull(message = REQUIRED) @DefaultValue("127.0.0.1") String host,
            @Min(value = 1, message = "must be a port, 1 to 65535") @Max(value = 65535,
                    message = "must be a port, 1 to 65535") @DefaultValue("61616") int port) {
    }

}
