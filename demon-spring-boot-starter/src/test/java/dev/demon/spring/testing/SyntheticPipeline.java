package dev.demon.spring.testing;

import java.util.List;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import org.springframework.beans.factory.ObjectProvider;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;

/**
 * A pipeline as a user writes one: a 4-16-3 MLP classifier with top-1 accuracy on
 * {@link SyntheticDataset}, 96 training records in batches of 16 (6 updates per epoch)
 * and 48 validation records. A {@link DataFault} bean, when the test defines one, is
 * injected into the training set.
 */
@TrainingPipeline(name = SyntheticPipeline.NAME, epochs = 2, batchSize = SyntheticPipeline.BATCH_SIZE)
public class SyntheticPipeline implements PipelineDefinition {

    /** The pipeline's name. */
    public static final String NAME = "synthetic";

    /** Declared batch size. */
    public static final int BATCH_SIZE = 16;

    /** Training records. */
    public static final int TRAINING_SAMPLES = 96;

    /** Validation records. */
    public static final int VALIDATION_SAMPLES = 48;

    /** Updates per epoch: 96 / 16. */
    public static final int BATCHES_PER_EPOCH = TRAINING_SAMPLES / BATCH_SIZE;

    private final DataFault fault;

    /**
     * Creates the pipeline.
     * @param fault the fault to inject, if the test defines one
     */
    public SyntheticPipeline(ObjectProvider<DataFault> fault) {
        this.fault = fault.getIfAvailable(() -> DataFault.NONE);
    }

    @Override
    public Block model() {
        return newBlock();
    }

    /**
     * The pipeline's model, for a test that trains it by hand.
     * @return a new, uninitialised block
     */
    public static Block newBlock() {
        // tanh carries a NaN input through to the loss; MXNet's relu would turn it into
        // 0.
        return new SequentialBlock().add(Linear.builder().setUnits(16).build())
            .add(Activation::tanh)
            .add(Linear.builder().setUnits(SyntheticDataset.CLASSES).build());
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        return SyntheticDataset.of(TRAINING_SAMPLES, 1, batchSize, fault);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return SyntheticDataset.of(VALIDATION_SAMPLES, 2, batchSize, DataFault.NONE);
    }

    @Override
    public Loss loss() {
        return Loss.softmaxCrossEntropyLoss();
    }

    @Override
    public List<Evaluator> evaluators() {
        return List.of(new Accuracy());
    }

}
