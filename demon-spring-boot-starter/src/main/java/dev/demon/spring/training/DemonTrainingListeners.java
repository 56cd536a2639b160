package dev.demon.spring.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EpochProgress;
import dev.demon.spring.metrics.PipelineMeters;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.report.EpochSummary;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * The Demon listeners of one DJL training, in the order they must run: the divergence
 * check, the {@link HistoryTrainingListener}, then whichever of the plateau feed, the
 * meters, the live progress, the checkpoints and the epoch log apply. The starter's jobs
 * train with them; a hand-written {@code EasyTrain.fit} loop gets the same metrics,
 * divergence check and a working {@code plateau} schedule by adding them after DJL's
 * {@link EvaluatorTrainingListener}, which they read. They replace DJL's
 * {@code DivergenceCheckTrainingListener}, so take DJL's listeners one by one rather than
 * {@code TrainingListener.Defaults.basic()}, which has it:
 *
 * <pre>{@code
 * ScheduledMomentumOptimizer optimizer = optimizerFactory.create(epochs * batchesPerEpoch);
 * DemonTrainingListeners demon = DemonTrainingListeners.builder().setOptimizer(optimizer).setEpochs(epochs)
 *         .optPipeline("my-model").optMetrics(trainingMetrics).build();
 * DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
 *         .addEvaluator(new Accuracy()).addTrainingListeners(new EvaluatorTrainingListener())
 *         .addTrainingListeners(demon.toArray());
 * EasyTrain.fit(trainer, epochs, trainingSet, validationSet);
 * }</pre>
 *
 * <p>
 * One set serves one trainer. T of the optimizer must be epochs × batches per epoch.
 */
public final class DemonTrainingListeners {

    private final HistoryTrainingListener history;

    private final List<TrainingListener> listeners;

    private final CheckpointTrainingListener checkpoint;

    private final @Nullable EarlyStoppingTrainingListener earlyStopping;

    private DemonTrainingListeners(Builder builder) {
        ScheduledMomentumOptimizer optimizer = builder.optimizer;
        history = new HistoryTrainingListener(optimizer, builder.epochs, builder.history);
        if (builder.progress != null) {
            history.restore(builder.progress);
        }
        listeners = new ArrayList<>();
        listeners.add(new FiniteLossTrainingListener(builder.pipeline, history, optimizer, builder.stepNames,
                builder.checkpoints != null));
        listeners.add(history);
        EarlyStoppingTrainingListener earlyStopping = null;
        if (builder.earlyStopping != null) {
            earlyStopping = new EarlyStoppingTrainingListener(builder.pipeline, builder.earlyStopping, history,
                    optimizer, builder.schedules, builder.earlyStoppingRestored);
            listeners.add(earlyStopping);
        }
        this.earlyStopping = earlyStopping;
        if (optimizer.getLearningRateTracker() instanceof ReduceOnPlateauTracker plateau) {
            listeners.add(new PlateauTrainingListener(plateau, history));
        }
        if (builder.metrics != null) {
            String schedule = optimizer.getMomentumSchedule().name();
            PipelineMeters meters = builder.trial != null
                    ? builder.metrics.forTrial(builder.pipeline, optimizer.name(), schedule, builder.trial.sweep(),
                            builder.trial.trial())
                    : builder.metrics.forPipeline(builder.pipeline, optimizer.name(), schedule);
            listeners.add(new MetricsTrainingListener(meters, history, optimizer));
        }
        if (builder.live != null) {
            listeners.add(new LiveTrainingListener(builder.pipeline, builder.live, history, optimizer));
        }
        checkpoint = builder.checkpoints != null ? new CheckpointTrainingListener(builder.pipeline, builder.checkpoints,
                history, optimizer, builder.monitor, earlyStopping) : null;
        if (checkpoint != null) {
            listeners.add(checkpoint);
        }
        if (builder.logging) {
            listeners.add(new EpochLoggingTrainingListener(builder.pipeline, history));
        }
    }

    /**
     * Starts a builder.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the listeners, to add to a {@code DefaultTrainingConfig} after DJL's
     * {@link EvaluatorTrainingListener}.
     * @return the listeners in their order
     */
    public TrainingListener[] toArray() {
        return listeners.toArray(TrainingListener[]::new);
    }

    /**
     * Returns where training stands and the finished epochs' summaries.
     * @return the history listener among {@link #toArray()}
     */
    public HistoryTrainingListener history() {
        return history;
    }

    /**
     * Returns the checkpoint writer, for a training loop that writes mid-epoch
     * checkpoints.
     * @return the checkpoint listener among {@link #toArray()}, empty without
     * {@link Builder#optCheckpoints}
     */
    public Optional<CheckpointTrainingListener> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /**
     * Returns the early stopping, for a training loop that ends the run when it decides.
     * @return the early-stopping listener among {@link #toArray()}, empty without
     * {@link Builder#optEarlyStopping}
     */
    public Optional<EarlyStoppingTrainingListener> earlyStopping() {
        return Optional.ofNullable(earlyStopping);
    }

    /** Builds {@link DemonTrainingListeners}. */
    public static final class Builder {

        private ScheduledMomentumOptimizer optimizer;

        private int epochs;

        private String pipeline = "training";

        private @Nullable TrainingMetrics metrics;

        private @Nullable SweepTrial trial;

        private LiveTrainings live;

        private CheckpointStore checkpoints;

        private ModelMonitor monitor = ModelMonitor.VALIDATION_ACCURACY;

        private @Nullable IntFunction<String> stepNames;

        private List<EpochSummary> history = List.of();

        private @Nullable EpochProgress progress;

        private boolean logging = true;

        private @Nullable EarlyStopping earlyStopping;

        private @Nullable ReplannableSchedules schedules;

        private boolean earlyStoppingRestored;

        private Builder() {
        }

        /**
         * Sets the optimizer training the model, whose β and η the meters and epoch
         * summaries read.
         * @param optimizer a Demon optimizer, for instance from
         * {@code DemonOptimizerFactory}
         * @return this builder
         */
        public Builder setOptimizer(ScheduledMomentumOptimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets the planned number of epochs; the optimizer's T must be a multiple of it.
         * @param epochs &gt;= 1
         * @return this builder
         */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the name of the training, its {@code pipeline} metrics tag and the start
         * of its messages; "training" by default.
         * @param pipeline the name
         * @return this builder
         */
        public Builder optPipeline(String pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /**
         * Exports the {@code demon.*} meters through the application's
         * {@link TrainingMetrics}.
         * @param metrics the training metrics bean
         * @return this builder
         */
        public Builder optMetrics(@Nullable TrainingMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Tags the meters with the sweep's trial this training is; without it their tags
         * {@code sweep} and {@code trial} are empty.
         * @param trial the trial, or null for none
         * @return this builder
         */
        public Builder optTrial(@Nullable SweepTrial trial) {
            this.trial = trial;
            return this;
        }

        /**
         * Publishes where training stands after every batch, for the training page.
         * @param live the application's {@link LiveTrainings}, or null for none
         * @return this builder
         */
        public Builder optLive(LiveTrainings live) {
            this.live = live;
            return this;
        }

        /**
         * Writes a checkpoint after every epoch, keeping the best epoch's.
         * @param checkpoints where
         * @param monitor which epoch is the best
         * @return this builder
         */
        public Builder optCheckpoints(CheckpointStore checkpoints, ModelMonitor monitor) {
            this.checkpoints = checkpoints;
            this.monitor = monitor;
            return this;
        }

        /**
         * Names the Spring Batch step training each epoch in divergence messages.
         * @param stepNames the step of a 1-based epoch
         * @return this builder
         */
        public Builder optStepNames(@Nullable IntFunction<String> stepNames) {
            this.stepNames = stepNames;
            return this;
        }

        /**
         * Continues a resumed training: the epochs it already finished.
         * @param history their summaries, in order
         * @return this builder
         */
        public Builder optHistory(List<EpochSummary> history) {
            this.history = List.copyOf(history);
            return this;
        }

        /**
         * Continues an epoch that a mid-epoch checkpoint interrupted, after
         * {@link #optHistory}: its batches trained and running sums. The training loop
         * must then leave out the batches already trained.
         * @param progress where the epoch stood, or null for none
         * @return this builder
         */
        public Builder optProgress(@Nullable EpochProgress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Whether to log a line per epoch (and show a progress bar on a terminal); true
         * by default.
         * @param logging false to stay silent
         * @return this builder
         */
        public Builder optLogging(boolean logging) {
            this.logging = logging;
            return this;
        }

        /**
         * Checks after every epoch whether the run stops early
         * ({@link EarlyStoppingTrainingListener}); the training loop must then end it at
         * {@link EarlyStoppingTrainingListener#lastEpoch()}.
         * @param earlyStopping the decision, with the state a resumed run restored
         * @param schedules the schedules the optimizer was built with
         * ({@link ReplannableSchedules#createOptimizer}), required to decay then stop
         * @param restored whether the decision's state came from a checkpoint; otherwise
         * a resumed run's finished epochs are replayed into it
         * @return this builder
         */
        public Builder optEarlyStopping(EarlyStopping earlyStopping, @Nullable ReplannableSchedules schedules,
                boolean restored) {
            this.earlyStopping = earlyStopping;
            this.schedules = schedules;
            this.earlyStoppingRestored = restored;
            return this;
        }

        /**
         * Builds the listeners.
         * @return the listeners
         * @throws IllegalArgumentException without an optimizer, with epochs &lt; 1, or
         * when T is not a multiple of the epochs
         */
        public DemonTrainingListeners build() {
            if (optimizer == null) {
                throw new IllegalArgumentException("optimizer must be set");
            }
            if (epochs < 1 || optimizer.getTotalUpdates() % epochs != 0) {
                throw new IllegalArgumentException("epochs must be >= 1 and divide the optimizer's T = "
                        + optimizer.getTotalUpdates() + ", got " + epochs);
            }
            return new DemonTrainingListeners(this);
        }

    }

}
