package dev.demon.spring.testing;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;

/**
 * A regression as a user writes one, unlike the demo: a 4-16-1 MLP fitting
 * {@link RegressionDataset} with the L2 loss and no evaluators, 128 training rows in
 * batches of 16 (8 updates per epoch) and 64 validation rows. A {@link DataFault} bean,
 * when the test defines one, is injected into the training set.
 */
@TrainingPipeline(name = RegressionPipeline.NAME, epochs = 4, batchSize = RegressionPipeline.BATCH_SIZE)
public class RegressionPipeline implements PipelineDefinition {

    /** The pipeline's name. */
    public static final String NAME = "regression";

    /** Declared batch size. */
    public static final int BATCH_SIZE = 16;

    /** Training rows. */
    public static final int TRAINING_SAMPLES = 128;

    /** Validation rows. */
    public static final int VALIDATION_SAMPLES = 64;

    /** Updates per epoch: 128 / 16. */
    public static final int BATCHES_PER_EPOCH = TRAINING_SAMPLES / BATCH_SIZE;

    private final DataFault fault;

    /** The pipeline without a fault, as a test outside Spring uses it. */
    public RegressionPipeline() {
        this.fault = DataFault.NONE;
    }

    /**
     * Creates the pipeline in an application.
     * @param fault the fault to inject, if the test defines one
     */
    @Autowired
    public RegressionPipeline(ObjectProvider<DataFault> fault) {
        this.fault = fault.getIfAvailable(() -> DataFault.NONE);
    }

    @Override
    public Block model() {
        return newBlock();
    }

    /**
     * The pipeline's model, for a test that loads a saved one.
     * @return a new, uninitialised block
     */
    public static Block newBlock() {
        return new SequentialBlock().add(Linear.builder().setUnits(16).build())
            .add(Activation::tanh)
            .add(Linear.builder().setUnits(1).build());
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        return RegressionDataset.of(TRAINING_SAMPLES, 11, batchSize, fault);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return RegressionDataset.of(VALIDATION_SAMPLES, 12, batchSize);
    }

    @Override
    public Loss loss() {
        return Loss.l2Loss();
    }

}
