package dev.demon.spring.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.translate.TranslateException;

import org.springframework.util.FileSystemUtils;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;

/**
 * One training run of a pipeline from scratch, without Spring Batch: the same loop, the
 * same listeners and the same seeding as an epoch step of the starter's jobs
 * ({@link TrainingSession}), for a caller that trains many small runs itself, such as the
 * benchmarks' comparison grid.
 *
 * <pre>{@code
 * List<EpochSummary> history = PipelineRun.builder()
 *         .setPipeline("my-model", definition)
 *         .setEpochs(3).setBatchSize(64)
 *         .setOptimizers(optimizerFactory)
 *         .optSeed(1)
 *         .build()
 *         .train();
 * }</pre>
 *
 * <p>
 * The run writes its checkpoints, as a job does, into a temporary folder that is deleted
 * when it ends: a run is not resumable. A NaN or infinite loss ends it with DJL's
 * {@code TrainingDivergedException}; {@link #history()} then holds the epochs finished
 * before.
 */
public final class PipelineRun {

    private final TrainingPlan plan;

    private final @Nullable TrainingMetrics metrics;

    private volatile List<EpochSummary> history = List.of();

    private volatile long updatesDone;

    private volatile @Nullable EarlyStoppingState earlyStopping;

    private PipelineRun(Builder builder) {
        RunConfiguration configuration = new RunConfiguration(builder.optimizers, builder.epochs, builder.batchSize,
                builder.seed, builder.engine != null ? builder.engine : Engine.getDefaultEngineName());
        boolean measuresAccuracy = AccuracyEvaluator.in(builder.definition.evaluators()).isPresent();
        ModelMonitor monitor = ModelMonitor.select(builder.pipeline, "", null, measuresAccuracy);
        builder.earlyStopping.checkFor(builder.pipeline, monitor, measuresAccuracy, builder.epochs);
        this.plan = new TrainingPlan(builder.pipeline, builder.definition, configuration, monitor,
                Duration.ofMinutes(10), null, builder.earlyStopping);
        this.metrics = builder.metrics;
    }

    /**
     * Starts building a run.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains every epoch from newly initialised parameters and validates after each.
     * @return one summary per epoch
     * @throws IOException when the data or a checkpoint cannot be read or written
     * @throws TranslateException when the pipeline's data cannot be prepared
     * @throws MalformedModelException never for a run from scratch; declared by the
     * session it opens
     * @throws ai.djl.TrainingDivergedException when the loss became NaN or infinite
     */
    public List<EpochSummary> train() throws IOException, TranslateException, MalformedModelException {
        Path checkpoints = Files.createTempDirectory("demon-run-");
        try (TrainingSession session = TrainingSession.open(plan, new CheckpointStore(checkpoints), metrics, null, 1)) {
            try {
                for (int epoch = 1; epoch <= session.lastEpoch(); epoch++) {
                    session.trainThrough(epoch, () -> false);
                }
            }
            finally {
                history = List.copyOf(session.history());
                updatesDone = session.updatesDone();
                earlyStopping = session.earlyStopping();
            }
            return history;
        }
        finally {
            FileSystemUtils.deleteRecursively(checkpoints);
        }
    }

    /**
     * Returns what the epochs trained so far achieved: all of them after {@link #train()}
     * returned, those before the divergence when it threw.
     * @return one summary per finished epoch
     */
    public List<EpochSummary> history() {
        return history;
    }

    /**
     * Returns the optimizer updates the run applied: T, or fewer when early stopping
     * ended it.
     * @return the updates done
     */
    public long updatesDone() {
        return updatesDone;
    }

    /**
     * Returns where the run's early stopping stood when it ended.
     * @return its state, or null without {@link Builder#optEarlyStopping}
     */
    public @Nullable EarlyStoppingState earlyStopping() {
        return earlyStopping;
    }

    /**
     * Builds a {@link PipelineRun}; pipeline, epochs, batch size and optimizers are
     * required.
     */
    public static final class Builder {

        private @Nullable String pipeline;

        private @Nullable PipelineDefinition definition;

        private int epochs;

        private int batchSize;

        private @Nullable DemonOptimizerFactory optimizers;

        private @Nullable Integer seed;

        private @Nullable String engine;

        private @Nullable TrainingMetrics metrics;

        private EarlyStoppingSettings earlyStopping = EarlyStoppingSettings.DISABLED;

        private Builder() {
        }

        /**
         * Sets the pipeline to train.
         * @param name its name, as the {@code pipeline} tag of its meters and in its log
         * lines
         * @param definition its model, data and loss
         * @return this builder
         */
        public Builder setPipeline(String name, PipelineDefinition definition) {
            this.pipeline = name;
            this.definition = definition;
            return this;
        }

        /**
         * Sets the number of epochs.
         * @param epochs &gt;= 1
         * @return this builder
         */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the mini-batch size.
         * @param batchSize &gt;= 1
         * @return this builder
         */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets what builds the optimizer for the run's T updates.
         * @param optimizers the optimizer factory, as the starter's bean or built by hand
         * @return this builder
         */
        public Builder setOptimizers(DemonOptimizerFactory optimizers) {
            this.optimizers = optimizers;
            return this;
        }

        /**
         * Seeds the engine as {@code demon.seed} does; unset, nothing is seeded.
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(@Nullable Integer seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the DJL engine; DJL's default engine when unset.
         * @param engine the engine's DJL name, e.g. {@code MXNet}
         * @return this builder
         */
        public Builder optEngine(@Nullable String engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Sends the run's meters to these training metrics; none when unset.
         * @param metrics the starter's {@link TrainingMetrics}
         * @return this builder
         */
        public Builder optMetrics(@Nullable TrainingMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Lets the run stop before its last epoch, as {@code demon.early-stopping.*} does
         * a job's; off when unset.
         * @param earlyStopping the settings
         * @return this builder
         */
        public Builder optEarlyStopping(EarlyStoppingSettings earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Builds the run.
         * @return the run, not started
         * @throws IllegalArgumentException when a required value is missing or out of
         * range; {@link InvalidTrainingSettingException} when the early stopping cannot
         * work for the pipeline
         */
        public PipelineRun build() {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(optimizers, "optimizers");
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException(
                        "epochs and batchSize must be >= 1, got " + epochs + " and " + batchSize);
            }
            return new PipelineRun(this);
        }

    }

}
