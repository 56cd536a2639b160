package dev.demon.spring.sweep;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.testing.RegressionDataset;
import dev.demon.spring.testing.RegressionPipeline;

/**
 * The pipeline the sweep tests sweep: {@link RegressionPipeline}'s 4-16-1 MLP and data (a
 * regression without evaluators, 8 updates per epoch), 3 epochs, which counts the
 * trainings it is asked for and can fail a chosen loss evaluation, as a trial whose data
 * breaks mid-epoch would.
 */
@TrainingPipeline(name = SweptRegression.NAME, epochs = 3, batchSize = RegressionPipeline.BATCH_SIZE)
public class SweptRegression implements PipelineDefinition {

    /** The pipeline's name. */
    public static final String NAME = "swept-regression";

    /** Training sets asked for: one per trial attempt. */
    static final AtomicInteger trainings = new AtomicInteger();

    /** Loss evaluations of the latest training, its training and validation batches. */
    static final AtomicLong evaluations = new AtomicLong();

    /**
     * What happens at each loss evaluation, given its 1-based number in the latest
     * training: a test throws to fail the trial, or closes the application.
     */
    static volatile LongConsumer onEvaluation = evaluation -> {
    };

    @Override
    public Block model() {
        return RegressionPipeline.newBlock();
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        trainings.incrementAndGet();
        evaluations.set(0);
        return RegressionDataset.of(RegressionPipeline.TRAINING_SAMPLES, 11, batchSize);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return RegressionDataset.of(RegressionPipeline.VALIDATION_SAMPLES, 12, batchSize);
    }

    @Override
    public Loss loss() {
        Loss l2 = Loss.l2Loss();
        return new Loss("L2Loss") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                onEvaluation.accept(evaluations.incrementAndGet());
                return l2.evaluate(labels, predictions);
            }
        };
    }

}
