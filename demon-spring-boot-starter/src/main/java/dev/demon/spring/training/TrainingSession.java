package dev.demon.spring.training;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.translate.TranslateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.report.EpochSummary;

/**
 * A pipeline's model, DJL trainer, data and optimizer, kept in memory across the epoch
 * steps of one job execution, and the thin loop that trains an epoch:
 * {@code EasyTrain.fit}'s body over the starter's own batches ({@link TrainingData}),
 * with everything else in the {@link DemonTrainingListeners}. The first step that runs in
 * a process opens it, restoring the latest intact checkpoint when there is one; the job
 * closes it when it ends.
 *
 * <p>
 * Inside an epoch it writes a checkpoint at the first batch boundary after each
 * {@code demon.checkpoint.interval}, and when asked to stop: then it finishes the running
 * batch, writes the checkpoint and returns, and a session opened on that checkpoint
 * resumes at the next batch.
 *
 * <p>
 * With {@code demon.seed} set the engine is seeded with the seed before the pipeline
 * builds its datasets and model (so parameter initialisation repeats), every epoch's
 * batch order comes from a generator of the run's own seeded with seed + epoch
 * ({@link EpochOrder}), and the engine is reseeded with {@link #batchSeed} before every
 * batch (what dropout draws), so that nothing depends on what ran before or beside it in
 * the process ({@link EngineGenerators}): an epoch resumed at batch k draws the same
 * order and the same random numbers from batch k on as the uninterrupted epoch. Engines
 * cannot save their generator's state, hence the reseeding.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(TrainingSession.class);

    private final TrainingPlan plan;

    private final TrainingData data;

    private final Model model;

    private final Trainer trainer;

    private final ScheduledMomentumOptimizer optimizer;

    private final HistoryTrainingListener history;

    private final CheckpointTrainingListener checkpoint;

    private final @Nullable EarlyStoppingTrainingListener earlyStopping;

    private long nextCheckpoint;

    private TrainingSession(TrainingPlan plan, TrainingData data, Model model, Trainer trainer,
            ScheduledMomentumOptimizer optimizer, DemonTrainingListeners listeners) {
        this.plan = plan;
        this.data = data;
        this.model = model;
        this.trainer = trainer;
        this.optimizer = optimizer;
        this.history = listeners.history();
        this.checkpoint = listeners.checkpoint().orElseThrow();
        this.earlyStopping = listeners.earlyStopping().orElse(null);
        restartCheckpointClock();
    }

    /**
     * Opens a session for a job execution whose first step to run trains epoch
     * {@code firstEpoch}: builds the model, restores the newest intact checkpoint of an
     * epoch before {@code firstEpoch} or from inside it, if any, and creates the trainer.
     * @param plan the pipeline with its run configuration, which builds the optimizer for
     * T updates
     * @param checkpoints the job instance's checkpoints
     * @param metrics where the meters go, or null for none
     * @param live where the progress goes, or null for nowhere
     * @param firstEpoch the epoch of the first step to run, 1-based
     * @return the open session
     */
    public static TrainingSession open(TrainingPlan plan, CheckpointStore checkpoints,
            @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live, int firstEpoch)
            throws IOException, TranslateException, MalformedModelException {
        // Seeded first, so that a pipeline splitting or shuffling its data at random does
        // it the same way every run, and held until the parameters are initialised.
        try (EngineGenerators.Hold initialisation = plan.seed() != null
                ? EngineGenerators.seedAndHold(plan.engine(), plan.seed()) : EngineGenerators.Hold.NONE) {
            return create(plan, checkpoints, metrics, live, firstEpoch);
        }
    }

    private static TrainingSession create(TrainingPlan plan, CheckpointStore checkpoints,
            @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live, int firstEpoch)
            throws IOException, TranslateException, MalformedModelException {
        TrainingData data = TrainingData.prepare(plan);
        EarlyStoppingSettings stopping = plan.earlyStopping();
        // Only a run that may decay before it stops gets schedules that can be
        // re-planned.
        ReplannableSchedules schedules = stopping.enabled() && stopping.mode() == EarlyStoppingMode.DECAY_THEN_STOP
                ? new ReplannableSchedules(plan.configuration().optimizers(), data.totalUpdates()) : null;
        ScheduledMomentumOptimizer optimizer = schedules != null
                ? schedules.createOptimizer(plan.configuration().optimizers())
                : plan.configuration().optimizers().create(data.totalUpdates());
        Model model = Model.newInstance(plan.pipeline(), plan.engine());
        try {
            Block block = plan.definition().model();
            model.setBlock(block);
            Shape[] inputShapes = data.inputShapes(model.getNDManager());
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
            Optional<Checkpoint> checkpoint = checkpoints.latest(firstEpoch - 1);
            if (checkpoint.isPresent()) {
                checkCompatible(checkpoint.get(), plan, data);
                checkpoint.get().restoreParameters(block, model.getNDManager());
            }
            DemonTrainingListeners.Builder builder = DemonTrainingListeners.builder();
            if (stopping.enabled()) {
                EarlyStoppingState restored = checkpoint.map(c -> c.state().earlyStopping()).orElse(null);
                builder.optEarlyStopping(new EarlyStopping(stopping, stopping.monitorFor(plan.monitor()),
                        restored != null ? restored : EarlyStoppingState.INITIAL), schedules, restored != null);
            }
            DemonTrainingListeners listeners = builder.setOptimizer(optimizer)
                .setEpochs(plan.epochs())
                .optPipeline(plan.pipeline())
                .optMetrics(metrics)
                .optTrial(plan.trial())
                .optLive(live)
                .optCheckpoints(checkpoints, plan.monitor())
                .optStepNames(plan::stepName)
                .optHistory(checkpoint.map(c -> c.state().history()).orElse(List.of()))
                .optProgress(checkpoint.map(c -> c.state().progress()).orElse(null))
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(plan.definition().loss()).optOptimizer(optimizer)
                .addTrainingListeners(new EvaluatorTrainingListener())
                .addTrainingListeners(listeners.toArray());
            plan.definition().evaluators().forEach(config::addEvaluator);
            Trainer trainer = model.newTrainer(config);
            trainer.initialize(inputShapes);
            if (checkpoint.isPresent()) {
                checkpoint.get().restoreOptimizer(optimizer, trainer.getManager(), block);
                logger.info("{}: resuming {} from {}: {} of T = {} updates done, β = {}", plan.pipeline(),
                        checkpoint.get().state().position(), checkpoints.getFolder(), optimizer.getUpdatesDone(),
                        data.totalUpdates(), optimizer.currentMomentum());
            }
            else {
                logger.info("{}: training from scratch, {} epochs of {} batches, T = {} updates", plan.pipeline(),
                        plan.epochs(), data.batchesPerEpoch(), data.totalUpdates());
            }
            return new TrainingSession(plan, data, model, trainer, optimizer, listeners);
        }
        catch (IOException | TranslateException | MalformedModelException | RuntimeException ex) {
            model.close();
            optimizer.close();
            throw ex;
        }
    }

    private static void checkCompatible(Checkpoint checkpoint, TrainingPlan plan, TrainingData data) {
        if (checkpoint.state().totalUpdates() != data.totalUpdates()) {
            throw new IllegalStateException("Checkpoint of epoch " + checkpoint.state().epoch() + " of "
                    + plan.pipeline() + " was written for T = " + checkpoint.state().totalUpdates()
                    + " updates, this run has T = " + data.totalUpdates()
                    + " (epochs, batch size or dataset changed); start a new run instead of resuming");
        }
    }

    /**
     * Trains every epoch up to and including {@code epoch} that the model has not been
     * through, normally just {@code epoch} itself; more when the checkpoint it resumed
     * from is older than the finished steps (the newest checkpoint was corrupt). Before
     * every training batch it asks {@code stop}; when that says yes it writes a
     * checkpoint (unless no batch of the running epoch has been trained, which the
     * previous epoch's checkpoint covers) and returns without finishing the epoch.
     * @param epoch the step's epoch, 1-based
     * @param stop whether to stop at this batch boundary
     * @return the summary of {@code epoch}, or empty when it stopped first or early
     * stopping ended the run before {@code epoch} ({@link #lastEpoch()})
     */
    public Optional<EpochSummary> trainThrough(int epoch, BooleanSupplier stop) throws IOException, TranslateException {
        if (epochsDone() > epoch) {
            throw new IllegalStateException(plan.pipeline() + " is already past epoch " + epoch);
        }
        while (epochsDone() < epoch) {
            if (epochsDone() >= lastEpoch()) {
                return Optional.empty();
            }
            int next = epochsDone() + 1;
            if (next < epoch) {
                logger.warn("{}: training epoch {} again in step {}, its checkpoint could not be used", plan.pipeline(),
                        next, plan.stepName(epoch));
            }
            if (!trainEpoch(next, stop)) {
                return Optional.empty();
            }
        }
        return Optional.of(history.history().get(epoch - 1));
    }

    /** Trains and validates one epoch; false when it stopped inside it. */
    private boolean trainEpoch(int epoch, BooleanSupplier stop) throws IOException, TranslateException {
        history.startEpoch();
        EpochOrder order = plan.seed() != null ? EpochOrder.seeded(plan.seed(), epoch) : new EpochOrder(new Random());
        Iterator<Batch> batches = data.trainingBatches(trainer.getManager(), order, history.batchesThisEpoch())
            .iterator();
        while (true) {
            if (stop.getAsBoolean()) {
                if (history.batchesThisEpoch() > 0) {
                    checkpoint.saveProgress(trainer);
                }
                logger.info("{}: stopped {} of {} batches into epoch {}, {} of T = {} updates done", plan.pipeline(),
                        history.batchesThisEpoch(), data.batchesPerEpoch(), epoch, optimizer.getUpdatesDone(),
                        data.totalUpdates());
                return false;
            }
            if (plan.seed() != null) {
                // Before loading, so that a random transform of the data repeats too.
                EngineGenerators.reseed(plan.engine(), batchSeed(plan.seed(), epoch, history.batchesThisEpoch()));
            }
            if (!batches.hasNext()) {
                break;
            }
            try (Batch batch = batches.next()) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
            if (System.nanoTime() - nextCheckpoint >= 0 && history.batchesThisEpoch() < data.batchesPerEpoch()) {
                checkpoint.saveProgress(trainer);
                restartCheckpointClock();
            }
        }
        for (Batch batch : data.validationBatches(trainer.getManager())) {
            try (batch) {
                EasyTrain.validateBatch(trainer, batch);
            }
        }
        // DJL's evaluators reset, then the Demon listeners record the epoch: history,
        // meters, checkpoint, log.
        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        restartCheckpointClock();
        return true;
    }

    /** The next mid-epoch checkpoint is due one interval after the latest checkpoint. */
    private void restartCheckpointClock() {
        nextCheckpoint = System.nanoTime() + plan.checkpointInterval().toNanos();
    }

    /**
     * The engine seed before training batch {@code batch} (0-based) of epoch
     * {@code epoch}: the three numbers mixed by SplitMix64's finaliser (Steele, Lea and
     * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), so that
     * neighbouring batches and epochs get unrelated seeds.
     * @param seed {@code demon.seed}
     * @param epoch 1-based
     * @param batch 0-based within the epoch
     * @return the seed, as DJL's {@code Engine.setRandomSeed} takes it
     */
    static int batchSeed(int seed, int epoch, long batch) {
        long z = ((long) seed << 32) ^ ((long) epoch << 24) ^ batch;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (int) (z ^ (z >>> 31));
    }

    /**
     * Returns the epoch the run ends with: the planned epochs, or an earlier one once
     * early stopping has decided.
     * @return the last epoch to train, 1-based
     */
    public int lastEpoch() {
        return earlyStopping != null ? earlyStopping.lastEpoch() : plan.epochs();
    }

    /**
     * Returns where the run's early stopping stands.
     * @return its state, or null when early stopping is off
     */
    public @Nullable EarlyStoppingState earlyStopping() {
        return earlyStopping != null ? earlyStopping.state() : null;
    }

    /**
     * Returns the epochs finished, including those restored from a checkpoint.
     * @return the number of finished epochs
     */
    public int epochsDone() {
        return history.epochsDone();
    }

    /**
     * Returns the training batches of the running epoch trained so far, including those
     * restored from a mid-epoch checkpoint.
     * @return 0 between epochs
     */
    public long batchesThisEpoch() {
        return history.batchesThisEpoch();
    }

    /**
     * Returns the optimizer updates applied to the model so far, including restored ones.
     * @return updates done
     */
    public long updatesDone() {
        return optimizer.getUpdatesDone();
    }

    /**
     * Returns T, the planned number of updates.
     * @return T
     */
    public long totalUpdates() {
        return data.totalUpdates();
    }

    /**
     * Returns β of the latest update.
     * @return β
     */
    public float currentMomentum() {
        return optimizer.currentMomentum();
    }

    /**
     * Returns one summary per finished epoch.
     * @return the history
     */
    public List<EpochSummary> history() {
        return history.history();
    }

    @Override
    public void close() {
        try {
            trainer.close();
        }
        finally {
            try {
                model.close();
            }
            finally {
                // Its buffers are outside the model's manager.
                optimizer.close();
            }
        }
    }

}
