package dev.demon.benchmarks.sweep;

import java.util.List;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;

import org.springframework.beans.factory.annotation.Value;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;

/**
 * The small model of the sweep benchmarks, as a new user would write one: a 2→32→32→2 MLP
 * with ReLU classifying {@link TwoMoons}, softmax cross-entropy and accuracy. Its
 * operators are tiny (batches of 32 by at most 32 columns), the opposite of the demo's
 * CNN, so that per-operator costs (threads, orchestration) dominate. The training and
 * validation points come from different seeds; {@code sweeps.two-moons.training-points}
 * and {@code sweeps.two-moons.validation-points} set their numbers.
 */
@TrainingPipeline(name = TwoMoonsMlp.NAME, epochs = 10, batchSize = 32)
public class TwoMoonsMlp implements PipelineDefinition {

    /** The pipeline's name. */
    public static final String NAME = "two-moons";

    private final int trainingPoints;

    private final int validationPoints;

    /**
     * @param trainingPoints points trained on per epoch
     * @param validationPoints points validated on after each epoch
     */
    public TwoMoonsMlp(@Value("${sweeps.two-moons.training-points:2000}") int trainingPoints,
            @Value("${sweeps.two-moons.validation-points:500}") int validationPoints) {
        this.trainingPoints = trainingPoints;
        this.validationPoints = validationPoints;
    }

    @Override
    public Block model() {
        return new SequentialBlock().add(Linear.builder().setUnits(32).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(32).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(2).build());
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        return TwoMoons.of(trainingPoints, 1, batchSize);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return TwoMoons.of(validationPoints, 2, batchSize);
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
