package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

/**
 * Demon SGDM and Demon Adam each train a small MLP to over 95% training accuracy on a
 * synthetic problem that a linear classifier separates with a margin (so 100% is
 * reachable).
 */
class MlpTrainingTest {

    private static final int SAMPLES = 256;

    private static final int FEATURES = 10;

    private static final int CLASSES = 4;

    private static final int BATCH_SIZE = 32;

    private static final int EPOCHS = 6;

    private static final long TOTAL_UPDATES = (long) EPOCHS * (SAMPLES / BATCH_SIZE);

    @Test
    void demonSgdmTrainsAnMlpAbove95Percent() throws IOException, TranslateException {
        DemonSgd optimizer = DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.1f))
            .setTotalSteps(TOTAL_UPDATES)
            .build();
        float accuracy = trainingAccuracy(optimizer);
        assertTrue(accuracy > 0.95f, "training accuracy " + accuracy);
    }

    @Test
    void demonAdamTrainsAnMlpAbove95Percent() throws IOException, TranslateException {
        DemonAdam optimizer = DemonAdam.builder()
            .optLearningRateTracker(Tracker.fixed(0.005f))
            .setTotalSteps(TOTAL_UPDATES)
            .build();
        float accuracy = trainingAccuracy(optimizer);
        assertTrue(accuracy > 0.95f, "training accuracy " + accuracy);
    }

    private static float trainingAccuracy(Optimizer optimizer) throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(1234);
        SequentialBlock mlp = new SequentialBlock().add(Linear.builder().setUnits(32).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(CLASSES).build());
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(mlp);
            NDManager manager = model.getNDManager();
            NDArray[] problem = separableProblem(manager, new Random(99));
            ArrayDataset dataset = new ArrayDataset.Builder().setData(problem[0])
                .optLabels(problem[1])
                .setSampling(BATCH_SIZE, true)
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH_SIZE, FEATURES));
                EasyTrain.fit(trainer, EPOCHS, dataset, null);
                NDArray logits = mlp.forward(new ParameterStore(manager, false), new NDList(problem[0]), false)
                    .singletonOrThrow();
                return logits.argMax(1).toType(problem[1].getDataType(), false).eq(problem[1]).sum().getLong()
                        / (float) SAMPLES;
            }
        }
    }

    /**
     * Points uniform in [−1, 1]^10 labelled by the largest of four random linear scores,
     * keeping only points whose best score beats the runner-up by 0.3: linearly separable
     * with a margin.
     */
    private static NDArray[] separableProblem(NDManager manager, Random random) {
        float[][] directions = new float[CLASSES][FEATURES];
        for (float[] direction : directions) {
            for (int j = 0; j < FEATURES; j++) {
                direction[j] = (float) random.nextGaussian();
            }
        }
        float[] features = new float[SAMPLES * FEATURES];
        float[] labels = new float[SAMPLES];
        int kept = 0;
        float[] x = new float[FEATURES];
        while (kept < SAMPLES) {
            for (int j = 0; j < FEATURES; j++) {
                x[j] = random.nextFloat() * 2 - 1;
            }
            int best = 0;
            float bestScore = Float.NEGATIVE_INFINITY;
            float secondScore = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                float score = 0;
                for (int j = 0; j < FEATURES; j++) {
                    score += directions[c][j] * x[j];
                }
                if (score > bestScore) {
                    secondScore = bestScore;
                    bestScore = score;
                    best = c;
                }
                else if (score > secondScore) {
                    secondScore = score;
                }
            }
            if (bestScore - secondScore > 0.3f) {
                System.arraycopy(x, 0, features, kept * FEATURES, FEATURES);
                labels[kept++] = best;
            }
        }
        return new NDArray[] { manager.create(features, new Shape(SAMPLES, FEATURES)), manager.create(labels) };
    }

}
