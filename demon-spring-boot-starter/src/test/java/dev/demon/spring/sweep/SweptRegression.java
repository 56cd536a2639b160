package dev.demon.spring.sweep;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Loss evaluations left before the injected failure; negative for none. */
    static final AtomicLong failAfter = new AtomicLong(-1);

    @Override
    public Block model() {
        return RegressionPipeline.newBlock();
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        trainings.incrementAndGet();
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
                if (failAfter.getAndDecrement() == 0) {
                    throw new IllegalStateException("injected fault in a loss evaluation");
                }
                return l2.evaluate(labels, predictions);
            }
        };
    }

}
