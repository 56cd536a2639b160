package dev.demon.spring.training;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
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

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
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
 * With {@code demon.seed} set the engine is seeded with the seed before the pipeline
 * builds its datasets and model (so parameter initialisation repeats) and with seed +
 * epoch before every epoch, so an epoch's shuffling does not depend on what ran before it
 * in the process: a resumed run draws the same batches as an uninterrupted one.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(TrainingSession.class);

    private final TrainingPlan plan;

    private final TrainingData data;

    private final Model model;

    private final Trainer trainer;

    private final ScheduledMomentumOptimizer optimizer;

    private final HistoryTrainingListener history;

    private TrainingSession(TrainingPlan plan, TrainingData data, Model model, Trainer trainer,
            ScheduledMomentumOptimizer optimizer, HistoryTrainingListener history) {
        this.plan = plan;
        this.data = data;
        this.model = model;
        this.trainer = trainer;
        this.optimizer = optimizer;
        this.history = history;
    }

    /**
     * Opens a session for a job execution whose first step to run trains epoch
     * {@code firstEpoch}: builds the model, restores the newest intact checkpoint of an
     * epoch before {@code firstEpoch} if any, and creates the trainer.
     * @param plan the pipeline with its epochs and batch size
     * @param optimizers builds the optimizer for T updates
     * @param checkpoints the job instance's checkpoints
     * @param metrics where the meters go, or null for none
     * @param firstEpoch the epoch of the first step to run, 1-based
     * @return the open session
     */
    public static TrainingSession open(TrainingPlan plan, DemonOptimizerFactory optimizers, CheckpointStore checkpoints,
            TrainingMetrics metrics, int firstEpoch) throws IOException, TranslateException, MalformedModelException {
        if (plan.seed() != null) {
            // First, so that a pipeline splitting or shuffling its data at random does it
            // the same way every run.
            Engine.getEngine(plan.engine()).setRandomSeed(plan.seed());
        }
        TrainingData data = TrainingData.prepare(plan);
        ScheduledMomentumOptimizer optimizer = optimizers.create(data.totalUpdates());
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
            DemonTrainingListeners listeners = DemonTrainingListeners.builder()
                .setOptimizer(optimizer)
                .setEpochs(plan.epochs())
                .optPipeline(plan.pipeline())
                .optMetrics(metrics)
                .optCheckpoints(checkpoints, plan.monitor())
                .optStepNames(plan::stepName)
                .optHistory(checkpoint.map(c -> c.state().history()).orElse(List.of()))
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(plan.definition().loss()).optOptimizer(optimizer)
                .addTrainingListeners(new EvaluatorTrainingListener())
                .addTrainingListeners(listeners.toArray());
            plan.definition().evaluators().forEach(config::addEvaluator);
            Trainer trainer = model.newTrainer(config);
            trainer.initialize(inputShapes);
            if (checkpoint.isPresent()) {
                checkpoint.get().restoreOptimizer(optimizer, trainer.getManager(), block);
                logger.info("{}: resuming after epoch {} from {}: {} of T = {} updates done, β = {}", plan.pipeline(),
                        checkpoint.get().state().epoch(), checkpoints.getFolder(), optimizer.getUpdateNumber(),
                        data.totalUpdates(), optimizer.currentMomentum());
            }
            else {
                logger.info("{}: training from scratch, {} epochs of {} batches, T = {} updates", plan.pipeline(),
                        plan.epochs(), data.batchesPerEpoch(), data.totalUpdates());
            }
            return new TrainingSession(plan, data, model, trainer, optimizer, listeners.history());
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
     * from is older than the finished steps (the newest checkpoint was corrupt).
     * @param epoch the step's epoch, 1-based
     * @return the summary of {@code epoch}
     */
    public EpochSummary trainThrough(int epoch) throws IOException, TranslateException {
        if (epochsDone() > epoch) {
            throw new IllegalStateException(plan.pipeline() + " is already past epoch " + epoch);
        }
        while (epochsDone() < epoch) {
            int next = epochsDone() + 1;
            if (next < epoch) {
                logger.warn("{}: training epoch {} again in step {}, its checkpoint could not be used", plan.pipeline(),
                        next, plan.stepName(epoch));
            }
            trainEpoch(next);
        }
        return history.history().get(epoch - 1);
    }

    private void trainEpoch(int epoch) throws IOException, TranslateException {
        if (plan.seed() != null) {
            Engine.getEngine(plan.engine()).setRandomSeed(plan.seed() + epoch);
        }
        history.startEpoch();
        for (Batch batch : data.trainingBatches(trainer.getManager())) {
            try (batch) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
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
    }

    /**
     * Returns the epochs finished, including those restored from a checkpoint.
     * @return the number of finished epochs
     */
    public int epochsDone() {
        return history.epochsDone();
    }

    /**
     * Returns the optimizer updates applied to the model so far, including restored ones.
     * @return updates done
     */
    public long updatesDone() {
        return optimizer.getUpdateNumber();
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
