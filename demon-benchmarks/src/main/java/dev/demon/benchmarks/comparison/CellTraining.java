package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.TrainingDivergedException;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.translate.TranslateException;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.PipelineRun;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * Trains one {@link Cell} as the product trains a pipeline: a {@link PipelineRun}, the
 * loop, listeners and seeding of the starter's epoch steps, of the demo's model over the
 * shared Fashion-MNIST data, with the optimizer the starter builds for the cell's
 * properties ({@link DemonOptimizerFactory}, {@link LearningRateTrackerFactory}; only the
 * plateau schedule's patience is scaled to the budget, see {@link #plateau}). The cell's
 * result is the test-set validation after its last epoch.
 *
 * <p>
 * The cell's seed is the run's {@code demon.seed}: it seeds the engine's one global
 * generator before the parameters are initialised, before every epoch's shuffle and
 * before every batch. A cell is repeatable when it trains alone in its process
 * (concurrency 1, or a worker process); cells trained side by side on threads draw from
 * the same generator.
 */
public class CellTraining {

    /**
     * The test error of a model that diverged before finishing an epoch: chance level
     * over Fashion-MNIST's ten balanced classes.
     */
    static final double CHANCE_ERROR = 0.9;

    private final FashionMnistData data;

    private final int batchSize;

    private final float weightDecay;

    /**
     * @param data the shared datasets
     * @param batchSize mini-batch size
     * @param weightDecay coupled L2 weight decay
     */
    public CellTraining(FashionMnistData data, int batchSize, float weightDecay) {
        this.data = data;
        this.batchSize = batchSize;
        this.weightDecay = weightDecay;
    }

    /**
     * Trains the cell from scratch.
     * @param cell what to train
     * @return its result
     */
    public CellResult train(Cell cell) {
        long started = System.nanoTime();
        PipelineRun run = PipelineRun.builder()
            .setPipeline(cell.key(), data.pipeline(cell.model()))
            .setEpochs(cell.epochs())
            .setBatchSize(batchSize)
            .setOptimizers(optimizers(cell))
            .optSeed(cell.seed())
            .build();
        boolean diverged = false;
        try {
            run.train();
        }
        catch (TrainingDivergedException ex) {
            // The diverged batch's update was not applied; the cell counts the error of
            // the last epoch it finished.
            diverged = true;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (TranslateException | MalformedModelException e) {
            throw new IllegalStateException("Cannot train " + cell.key(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<EpochSummary> history = run.history();
        if (history.isEmpty()) {
            return new CellResult(CHANCE_ERROR, Double.NaN, Double.NaN, seconds, true);
        }
        EpochSummary last = history.get(history.size() - 1);
        return new CellResult(1 - last.validationAccuracy(), last.validationLoss(), last.trainLoss(), seconds,
                diverged || !Float.isFinite(last.validationLoss()));
    }

    /** The optimizers the starter would build for the cell's properties. */
    private DemonOptimizerFactory optimizers(Cell cell) {
        LearningRateTrackerFactory learningRates = new LearningRateTrackerFactory(cell.method().learningRate(),
                cell.learningRate());
        return new DemonOptimizerFactory(cell.optimizer(), cell.method().momentum().create(cell.betaInit(), 0f),
                learningRates, weightDecay) {

            @Override
            public ScheduledMomentumOptimizer create(long totalUpdates) {
                return (cell.method().learningRate() == LearningRateScheduleType.PLATEAU)
                        ? create(totalUpdates, plateau(cell)) : super.create(totalUpdates);
            }

        };
    }

    /**
     * The plateau schedule with its patience scaled to the budget: the starter's default
     * patience of 10 epochs (PyTorch's) would never fire within a short budget, making it
     * plain momentum. One epoch of patience per 10 epochs of budget, at least one.
     */
    private static ParameterTracker plateau(Cell cell) {
        return ReduceOnPlateauTracker.builder()
            .setBaseValue(cell.learningRate())
            .optPatience(Math.max(1, cell.epochs() / 10))
            .build();
    }

}
