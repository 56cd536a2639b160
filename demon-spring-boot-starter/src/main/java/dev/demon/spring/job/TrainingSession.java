package dev.demon.spring.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.TrainingState;
import dev.demon.spring.metrics.TrainingMeters;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * A pipeline's model, DJL trainer, datasets and optimizer, kept in memory across the epoch steps
 * of one job execution. The first step that runs in a process opens it, restoring the latest
 * intact checkpoint when there is one; the job closes it when it ends.
 *
 * <p>The session does its own sampling so that T is known before the first update: training
 * batches are drawn by a {@link RandomSampler} (a new permutation every epoch), validation batches
 * in order, both of the plan's batch size with the last, smaller batch kept. So an epoch has
 * ceil(size / batchSize) batches and T = epochs × that.
 *
 * <p>With {@code demon.seed} set the engine is seeded with the seed before the pipeline builds its
 * datasets and model (so parameter initialisation repeats) and with seed + epoch before every epoch, so an epoch's shuffling does not depend on
 * what ran before it in the process: a resumed run draws the same batches as an uninterrupted one.
 */
final class TrainingSession implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(TrainingSession.class);

    private final TrainingPlan plan;
    private final Model model;
    private final Trainer trainer;
    private final RandomAccessDataset trainingSet;
    private final RandomAccessDataset validationSet;
    private final ScheduledMomentumOptimizer optimizer;
    private final ParameterTracker learningRate;
    private final CheckpointStore checkpoints;
    private final TrainingMeters meters;
    private final EpochProgress progress;
    private final Integer seed;
    private final long batchesPerEpoch;
    private final long totalSteps;
    private final Evaluator accuracy;
    private final List<EpochSummary> history = new ArrayList<>();
    private long globalStep;

    private TrainingSession(TrainingPlan plan, Model model, Trainer trainer, RandomAccessDataset trainingSet,
            RandomAccessDataset validationSet, ScheduledMomentumOptimizer optimizer, ParameterTracker learningRate,
            CheckpointStore checkpoints, TrainingMeters meters, Integer seed, long batchesPerEpoch) {
        this.plan = plan;
        this.model = model;
        this.trainer = trainer;
        this.trainingSet = trainingSet;
        this.validationSet = validationSet;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.checkpoints = checkpoints;
        this.meters = meters;
        this.seed = seed;
        this.batchesPerEpoch = batchesPerEpoch;
        this.totalSteps = optimizer.getTotalSteps();
        this.progress = new EpochProgress(plan.pipeline(), plan.epochs());
        this.accuracy = trainer.getEvaluators().stream().filter(Accuracy.class::isInstance).findFirst().orElse(null);
    }

    /**
     * Opens a session for a job execution whose first step to run trains epoch {@code firstEpoch}:
     * builds the model, restores the newest intact checkpoint of an epoch before {@code firstEpoch}
     * if any, and creates the trainer.
     */
    static TrainingSession open(TrainingPlan plan, DemonOptimizerFactory optimizers, CheckpointStore checkpoints,
            TrainingMeters meters, Integer seed, int firstEpoch)
            throws IOException, TranslateException, MalformedModelException {
        if (seed != null) {
            // First, so that a pipeline splitting or shuffling its data at random does it the same way every run.
            Engine.getInstance().setRandomSeed(seed);
        }
        PipelineDefinition definition = plan.definition();
        RandomAccessDataset trainingSet = definition.trainingSet(plan.batchSize());
        RandomAccessDataset validationSet = definition.validationSet(plan.batchSize());
        trainingSet.prepare();
        validationSet.prepare();
        long size = trainingSet.size();
        if (size == 0) {
            throw new IllegalStateException("The training set of pipeline " + plan.pipeline() + " is empty");
        }
        long batchesPerEpoch = (size + plan.batchSize() - 1) / plan.batchSize();
        long totalSteps = plan.epochs() * batchesPerEpoch;
        ParameterTracker learningRate = optimizers.createLearningRateTracker(totalSteps);
        ScheduledMomentumOptimizer optimizer = optimizers.create(totalSteps, learningRate);

        Model model = Model.newInstance(plan.pipeline());
        try {
            Block block = definition.model();
            model.setBlock(block);
            Shape[] inputShapes = firstBatchShapes(trainingSet, model, plan.batchSize());
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
            Optional<Checkpoint> checkpoint = checkpoints.latest(firstEpoch - 1);
            if (checkpoint.isPresent()) {
                // Before the trainer exists: MXNet's parameter server copies the values it is given.
                block.loadParameters(model.getNDManager(),
                        new DataInputStream(new ByteArrayInputStream(checkpoint.get().parameters())));
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(definition.loss()).optOptimizer(optimizer)
                    .addTrainingListeners(new EvaluatorTrainingListener());
            definition.evaluators().forEach(config::addEvaluator);
            Trainer trainer = model.newTrainer(config);
            trainer.initialize(inputShapes);
            TrainingSession session = new TrainingSession(plan, model, trainer, trainingSet, validationSet, optimizer,
                    learningRate, checkpoints, meters, seed, batchesPerEpoch);
            checkpoint.ifPresentOrElse(session::restore, () -> logger.info(
                    "{}: training from scratch, {} epochs of {} batches, T = {} updates", plan.pipeline(),
                    plan.epochs(), batchesPerEpoch, totalSteps));
            return session;
        }
        catch (IOException | TranslateException | MalformedModelException | RuntimeException ex) {
            model.close();
            optimizer.close();
            throw ex;
        }
    }

    private static Shape[] firstBatchShapes(RandomAccessDataset trainingSet, Model model, int batchSize)
            throws IOException, TranslateException {
        Sampler first = new BatchSampler(new SequenceSampler(), batchSize);
        try (Batch batch = trainingSet.getData(model.getNDManager(), first, null).iterator().next()) {
            return batch.getData().getShapes();
        }
    }

    private void restore(Checkpoint checkpoint) {
        TrainingState state = checkpoint.state();
        if (state.totalSteps() != totalSteps) {
            throw new IllegalStateException("Checkpoint of epoch " + state.epoch() + " of " + plan.pipeline()
                    + " was written for T = " + state.totalSteps() + " updates, this run has T = " + totalSteps
                    + " (epochs, batch size or dataset changed); start a new run instead of resuming");
        }
        Map<String, String> currentIds = parameterIds();
        Map<String, String> savedIdToName = new LinkedHashMap<>();
        state.parameterIds().forEach((name, id) -> savedIdToName.put(id, name));
        try {
            optimizer.loadState(new ByteArrayInputStream(checkpoint.optimizerState()), trainer.getManager(),
                    savedId -> currentIds.get(savedIdToName.get(savedId)));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot restore the optimizer state of " + plan.pipeline()
                    + " from the checkpoint of epoch " + state.epoch() + ": " + ex.getMessage(), ex);
        }
        globalStep = state.globalStep();
        history.addAll(state.history());
        if (learningRate instanceof ReduceOnPlateauTracker plateau) {
            // The plateau tracker is a pure function of the validation losses it was fed.
            history.forEach(epoch -> plateau.onValidationLoss(epoch.validationLoss()));
        }
        EpochSummary last = history.isEmpty() ? null : history.get(history.size() - 1);
        meters.restored(optimizer.currentMomentum(), optimizer.currentLearningRate(), state.epoch(),
                last != null ? last.validationLoss() : Float.NaN, last != null ? last.validationAccuracy() : Float.NaN);
        logger.info("{}: resuming after epoch {} from {}: {} of T = {} updates done, β = {}", plan.pipeline(),
                state.epoch(), checkpoints.getFolder(), globalStep, totalSteps, optimizer.currentMomentum());
    }

    /**
     * Trains every epoch up to and including {@code epoch} that the model has not been through,
     * normally just {@code epoch} itself; more when the checkpoint it resumed from is older than
     * the finished steps (the newest checkpoint was corrupt).
     *
     * @param epoch the step's epoch, 1-based
     * @param stepName the step's name, for messages
     * @return the summary of {@code epoch}
     */
    EpochSummary trainThrough(int epoch, String stepName) throws IOException, TranslateException {
        if (epochsDone() > epoch) {
            throw new IllegalStateException(plan.pipeline() + " is already past epoch " + epoch);
        }
        while (epochsDone() < epoch) {
            int next = epochsDone() + 1;
            if (next < epoch) {
                logger.warn("{}: training epoch {} again in step {}, its checkpoint could not be used",
                        plan.pipeline(), next, stepName);
            }
            trainEpoch(next, stepName);
        }
        return history.get(epoch - 1);
    }

    private void trainEpoch(int epoch, String stepName) throws IOException, TranslateException {
        if (seed != null) {
            Engine.getInstance().setRandomSeed(seed + epoch);
        }
        meters.epochStarted(epoch);
        progress.epochStarted(epoch, batchesPerEpoch);
        Loss loss = trainer.getLoss();
        Sampler sampler = new BatchSampler(new RandomSampler(), plan.batchSize(), false);
        long started = System.nanoTime();
        long samples = 0;
        long batchIndex = 0;
        for (Batch batch : trainingSet.getData(trainer.getManager(), sampler, null)) {
            try (batch) {
                long batchStarted = System.nanoTime();
                EasyTrain.trainBatch(trainer, batch);
                float batchLoss = loss.getAccumulator(EvaluatorTrainingListener.TRAIN_ALL);
                if (!Float.isFinite(batchLoss)) {
                    throw new TrainingDivergedException(String.format(
                            "Training of %s diverged in step %s (epoch %d of %d): the loss of batch %d of %d is %s "
                                    + "at update %d of %d; %s",
                            plan.pipeline(), stepName, epoch, plan.epochs(), batchIndex + 1, batchesPerEpoch,
                            batchLoss, globalStep + 1, totalSteps, keptCheckpoint(epoch)));
                }
                trainer.step();
                globalStep++;
                batchIndex++;
                samples += batch.getSize();
                float runningLoss = loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
                meters.batchTrained(Duration.ofNanos(System.nanoTime() - batchStarted), batch.getSize(),
                        optimizer.currentMomentum(), optimizer.currentLearningRate(), runningLoss,
                        accuracy(EvaluatorTrainingListener.TRAIN_EPOCH));
                progress.batchTrained(batchIndex - 1, runningLoss);
            }
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        for (Batch batch : validationSet.getData(trainer.getManager(),
                new BatchSampler(new SequenceSampler(), plan.batchSize(), false), null)) {
            try (batch) {
                EasyTrain.validateBatch(trainer, batch);
            }
        }
        EpochSummary summary = new EpochSummary(epoch, loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                accuracy(EvaluatorTrainingListener.TRAIN_EPOCH),
                loss.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH),
                accuracy(EvaluatorTrainingListener.VALIDATE_EPOCH), optimizer.currentMomentum(),
                optimizer.currentLearningRate(), samples / trainSeconds);
        // Resets the epoch accumulators, as DJL's own training loop does after validation.
        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        if (!Float.isFinite(summary.validationLoss())) {
            throw new TrainingDivergedException(String.format(
                    "Training of %s diverged in step %s (epoch %d of %d): the validation loss is %s after update %d "
                            + "of %d; %s",
                    plan.pipeline(), stepName, epoch, plan.epochs(), summary.validationLoss(), globalStep, totalSteps,
                    keptCheckpoint(epoch)));
        }
        if (learningRate instanceof ReduceOnPlateauTracker plateau) {
            plateau.onValidationLoss(summary.validationLoss());
        }
        history.add(summary);
        meters.validated(summary.validationLoss(), summary.validationAccuracy());
        checkpoints.save(new Checkpoint(state(), parameters(), optimizerState()));
        progress.epochFinished(summary, Duration.ofNanos(System.nanoTime() - started));
    }

    /** What a run that diverged in {@code epoch} leaves to resume from. */
    private static String keptCheckpoint(int epoch) {
        return epoch > 1 ? "the checkpoint of epoch " + (epoch - 1) + " is kept" : "no checkpoint had been written yet";
    }

    private float accuracy(String stage) {
        return accuracy != null ? accuracy.getAccumulator(stage) : Float.NaN;
    }

    private TrainingState state() {
        return new TrainingState(plan.pipeline(), epochsDone(), globalStep, totalSteps, batchesPerEpoch,
                parameterIds(), List.copyOf(history));
    }

    /** The block's stable parameter names mapped to the ids DJL gave the parameters in this process. */
    private Map<String, String> parameterIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            ids.put(parameter.getKey(), parameter.getValue().getId());
        }
        return ids;
    }

    private byte[] parameters() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private byte[] optimizerState() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        optimizer.saveState(bytes);
        return bytes.toByteArray();
    }

    int epochsDone() {
        return history.size();
    }

    long globalStep() {
        return globalStep;
    }

    long totalSteps() {
        return totalSteps;
    }

    float currentMomentum() {
        return optimizer.currentMomentum();
    }

    List<EpochSummary> history() {
        return Collections.unmodifiableList(history);
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
