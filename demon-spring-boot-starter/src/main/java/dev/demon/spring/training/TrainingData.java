package dev.demon.spring.training;

import java.io.IOException;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;

/**
 * A pipeline's prepared datasets and how the starter draws their batches, so that T is
 * known before the first update: training batches in an {@link EpochOrder} (a new
 * permutation every epoch), validation batches in order, both of the plan's batch size
 * with the last, smaller batch kept. An epoch has ceil(size / batchSize) batches.
 */
final class TrainingData {

    private final TrainingPlan plan;

    private final RandomAccessDataset trainingSet;

    private final RandomAccessDataset validationSet;

    private final long batchesPerEpoch;

    private TrainingData(TrainingPlan plan, RandomAccessDataset trainingSet, RandomAccessDataset validationSet) {
        this.plan = plan;
        this.trainingSet = trainingSet;
        this.validationSet = validationSet;
        this.batchesPerEpoch = (trainingSet.size() + plan.batchSize() - 1) / plan.batchSize();
    }

    /**
     * Builds and prepares the plan's datasets.
     * @param plan the pipeline with its batch size
     * @return the data
     * @throws IllegalStateException when the training set is empty
     */
    static TrainingData prepare(TrainingPlan plan) throws IOException, TranslateException {
        RandomAccessDataset trainingSet = plan.definition().trainingSet(plan.batchSize());
        RandomAccessDataset validationSet = plan.definition().validationSet(plan.batchSize());
        trainingSet.prepare();
        validationSet.prepare();
        if (trainingSet.size() == 0) {
            throw new IllegalStateException("The training set of pipeline " + plan.pipeline() + " is empty");
        }
        return new TrainingData(plan, trainingSet, validationSet);
    }

    long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** T = epochs × batches per epoch. */
    long totalUpdates() {
        return plan.epochs() * batchesPerEpoch;
    }

    /**
     * The shapes of the first training batch's inputs, which the model is initialised
     * for.
     */
    Shape[] inputShapes(NDManager manager) throws IOException, TranslateException {
        BatchSampler first = new BatchSampler(new SequenceSampler(), plan.batchSize());
        try (Batch batch = trainingSet.getData(manager, first, null).iterator().next()) {
            return batch.getData().getShapes();
        }
    }

    /**
     * The epoch's training batches in the given order, without the first {@code trained}
     * ones.
     * @param manager where the batches go
     * @param order the epoch's order of the samples
     * @param trained batches of the epoch already trained, 0 for a whole epoch
     */
    Iterable<Batch> trainingBatches(NDManager manager, EpochOrder order, long trained)
            throws IOException, TranslateException {
        return trainingSet.getData(manager,
                new ResumedEpochSampler(new BatchSampler(order, plan.batchSize(), false), trained), null);
    }

    Iterable<Batch> validationBatches(NDManager manager) throws IOException, TranslateException {
        return validationSet.getData(manager, new BatchSampler(new SequenceSampler(), plan.batchSize(), false), null);
    }

}
