package dev.demon.spring.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.EpochProgress;
import dev.demon.spring.report.EpochSummary;

/**
 * Where training stands and what each finished epoch achieved: the running epoch and
 * batch, the running training loss and accuracy, and one {@link EpochSummary} per
 * finished epoch. The other Demon listeners read it.
 *
 * <p>
 * It reads DJL's evaluator accumulators, so it must come after DJL's
 * {@link EvaluatorTrainingListener} (which updates them in {@code onTrainingBatch} and
 * resets them in {@code onEpoch}). It takes each batch's own loss and accuracy
 * ({@code TRAIN_ALL}) and accumulates them over the epoch itself, as DJL's {@code Loss}
 * and {@code Accuracy} accumulate {@code TRAIN_EPOCH} (a float sum of batch losses over
 * the batches; correct over counted records), so its figures equal DJL's and survive
 * DJL's reset in {@code onEpoch}, and an epoch resumed from a mid-epoch checkpoint
 * ({@link #progress()}, {@link #restore}) continues the sums where they stood: DJL's
 * accumulators cannot be restored. Each batch takes the time since the previous batch (or
 * since the epoch started): loading, forward and backward of this batch, and the update
 * of the one before.
 */
public class HistoryTrainingListener extends TrainingListenerAdapter {

    private final ScheduledMomentumOptimizer optimizer;

    private final int epochs;

    private final long batchesPerEpoch;

    private final List<EpochSummary> history;

    private Evaluator accuracy;

    private long lastEvent;

    private long lastBatchNanos;

    private long trainingNanos;

    private long batches;

    private long samples;

    private long validationBatches;

    private float lossSum;

    private long correct;

    private long instances;

    private float validationLoss = Float.NaN;

    private float validationAccuracy = Float.NaN;

    /**
     * Creates the history of a training.
     * @param optimizer gives β and η of each epoch's last update
     * @param epochs the planned number of epochs
     * @param restored the summaries of the epochs a resumed training already finished, in
     * order
     */
    public HistoryTrainingListener(ScheduledMomentumOptimizer optimizer, int epochs, List<EpochSummary> restored) {
        this.optimizer = optimizer;
        this.epochs = epochs;
        // T = epochs × batches per epoch, see DemonTrainingListeners.
        this.batchesPerEpoch = optimizer.getTotalUpdates() / epochs;
        this.history = new ArrayList<>(restored);
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        accuracy = AccuracyEvaluator.in(trainer.getEvaluators()).orElse(null);
        startEpoch();
    }

    /**
     * Marks the start of an epoch, for a training loop that does other work between
     * epochs (a Spring Batch step ending and the next starting); DJL's
     * {@code EasyTrain.fit} needs no call.
     */
    public void startEpoch() {
        lastEvent = System.nanoTime();
    }

    /**
     * Continues an epoch that a mid-epoch checkpoint interrupted: its batches trained and
     * running sums.
     * @param progress where the epoch stood; its epoch must be the one running
     */
    public void restore(EpochProgress progress) {
        if (progress.epoch() != epoch()) {
            throw new IllegalArgumentException(
                    "Progress of epoch " + progress.epoch() + " restored while epoch " + epoch() + " runs");
        }
        batches = progress.batches();
        samples = progress.samples();
        trainingNanos = progress.trainingNanos();
        lossSum = progress.lossSum();
        correct = progress.correct();
        instances = progress.instances();
    }

    /**
     * Returns where the running epoch stands, for a mid-epoch checkpoint.
     * @return its batches trained and running sums
     */
    public EpochProgress progress() {
        return new EpochProgress(epoch(), batches, samples, trainingNanos, lossSum, correct, instances);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        long now = System.nanoTime();
        lastBatchNanos = now - lastEvent;
        trainingNanos += lastBatchNanos;
        lastEvent = now;
        batches++;
        samples += batchData.getBatch().getSize();
        // DJL's Loss: totalLoss (a Float) += this batch's loss sum; one instance per
        // batch.
        lossSum += trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_ALL);
        if (accuracy != null) {
            // DJL's Accuracy counts one instance per label; TRAIN_ALL holds this batch's
            // correct / counted, from which the integer count comes back exactly.
            long counted = batchData.getLabels().values().stream().mapToLong(labels -> labels.head().size()).sum();
            correct += Math.round((double) accuracy.getAccumulator(EvaluatorTrainingListener.TRAIN_ALL) * counted);
            instances += counted;
        }
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        validationBatches++;
        validationLoss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
        validationAccuracy = accuracy(EvaluatorTrainingListener.VALIDATE_EPOCH);
        lastEvent = System.nanoTime();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        history.add(new EpochSummary(epoch(), trainLoss(), trainAccuracy(), validationLoss, validationAccuracy,
                optimizer.currentMomentum(), optimizer.currentLearningRate(), samples / (trainingNanos / 1e9)));
        batches = 0;
        samples = 0;
        trainingNanos = 0;
        validationBatches = 0;
        lossSum = 0;
        correct = 0;
        instances = 0;
        validationLoss = Float.NaN;
        validationAccuracy = Float.NaN;
        startEpoch();
    }

    private float accuracy(String stage) {
        return accuracy != null ? accuracy.getAccumulator(stage) : Float.NaN;
    }

    /**
     * Whether the training measures accuracy: it has an {@link AccuracyEvaluator}. Known
     * once training has begun.
     * @return false without an accuracy evaluator, whose accuracy figures are NaN
     */
    public boolean measuresAccuracy() {
        return accuracy != null;
    }

    /**
     * Returns the epoch running: the first not finished.
     * @return 1-based
     */
    public int epoch() {
        return history.size() + 1;
    }

    /**
     * Returns the epochs finished, including those a resumed training restored.
     * @return the number of summaries
     */
    public int epochsDone() {
        return history.size();
    }

    /**
     * Returns the planned number of epochs.
     * @return epochs &gt;= 1
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the batches of one epoch: T / epochs.
     * @return batches per epoch
     */
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * Returns the batches trained in the running epoch.
     * @return 0 before its first batch
     */
    public long batchesThisEpoch() {
        return batches;
    }

    /**
     * Returns the validation batches evaluated in the running epoch.
     * @return 0 before validation, or without a validation set
     */
    public long validationBatches() {
        return validationBatches;
    }

    /**
     * Returns how long the latest training batch took.
     * @return the time since the event before it
     */
    public Duration lastBatchDuration() {
        return Duration.ofNanos(lastBatchNanos);
    }

    /**
     * Returns the training loss over the running epoch so far.
     * @return the loss, NaN before the first batch
     */
    public float trainLoss() {
        // As DJL's Loss.getAccumulator: the float sum over the long count.
        return batches > 0 ? lossSum / batches : Float.NaN;
    }

    /**
     * Returns the training accuracy over the running epoch so far.
     * @return the accuracy, NaN before the first batch or without an {@link Accuracy}
     * evaluator
     */
    public float trainAccuracy() {
        // As DJL's AbstractAccuracy.getAccumulator.
        return instances > 0 ? (float) correct / instances : Float.NaN;
    }

    /**
     * Returns the validation loss over the validation batches of the running epoch so
     * far.
     * @return the loss, NaN before validation
     */
    public float validationLoss() {
        return validationLoss;
    }

    /**
     * Returns the validation accuracy over the validation batches of the running epoch so
     * far.
     * @return the accuracy, NaN before validation or without an {@link Accuracy}
     * evaluator
     */
    public float validationAccuracy() {
        return validationAccuracy;
    }

    /**
     * Returns one summary per finished epoch, in order.
     * @return an unmodifiable view
     */
    public List<EpochSummary> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * Returns the summary of the last finished epoch.
     * @return the summary, empty before the first epoch ends
     */
    public Optional<EpochSummary> last() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

}
