package dev.demon.benchmarks.comparison;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.autoconfigure.LearningRateScheduleType;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * Trains one {@link Cell}: the demo's model, the optimizer the starter would build for the cell's
 * properties ({@link DemonOptimizerFactory}, {@link LearningRateTrackerFactory}; only the plateau
 * schedule's patience is scaled to the budget, see {@link #plateau}), softmax
 * cross-entropy, T = epochs × batches per epoch; after every epoch the test set is evaluated (and
 * fed to the plateau schedule), and the last evaluation is the cell's result.
 *
 * <p>Seeds: the engine's global generator (initial parameters, dropout) is seeded with the cell's
 * seed under a lock before the parameters are initialised and before every epoch; batches are
 * drawn by {@link SeededShuffle} from seed·1000 + epoch. With one cell at a time a cell is
 * repeatable; cells running concurrently share the engine's generator for dropout.
 */
public class CellTraining {

    /** Serialises use of the engine's global random generator. */
    private static final Object ENGINE_SEED = new Object();

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
     *
     * @param cell what to train
     * @return its result
     */
    public CellResult train(Cell cell) {
        long started = System.nanoTime();
        RandomAccessDataset training = data.training();
        RandomAccessDataset test = data.test();
        long batchesPerEpoch = (training.size() + batchSize - 1) / batchSize;
        long totalSteps = cell.epochs() * batchesPerEpoch;
        LearningRateTrackerFactory learningRates = new LearningRateTrackerFactory(cell.method().learningRate(),
                cell.learningRate());
        DemonOptimizerFactory optimizers = new DemonOptimizerFactory(cell.optimizer(),
                cell.method().momentum().create(cell.betaInit(), 0f), learningRates, weightDecay);
        Tracker learningRate = cell.method().learningRate() == LearningRateScheduleType.PLATEAU
                ? plateau(cell) : learningRates.create(totalSteps);
        Shape input = new Shape(batchSize, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH);
        try (ScheduledMomentumOptimizer optimizer = optimizers.create(totalSteps, learningRate);
                Model model = Model.newInstance(cell.key())) {
            Block block = cell.model().newBlock();
            model.setBlock(block);
            synchronized (ENGINE_SEED) {
                Engine.getInstance().setRandomSeed(cell.seed());
                block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            }
            Accuracy accuracy = new Accuracy();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).addEvaluator(accuracy)
                    .addTrainingListeners(new EvaluatorTrainingListener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(input);
                return trainEpochs(cell, trainer, accuracy, training, test, learningRate, started);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("Cannot read the data of " + cell.key(), e);
        }
    }

    /**
     * The plateau schedule with its patience scaled to the budget: the starter's default patience
     * of 10 epochs (PyTorch's) would never fire within a short budget, making it plain momentum.
     * One epoch of patience per 10 epochs of budget, at least one.
     */
    private static Tracker plateau(Cell cell) {
        return ReduceOnPlateauTracker.builder().setBaseValue(cell.learningRate())
                .optPatience(Math.max(1, cell.epochs() / 10)).build();
    }

    private CellResult trainEpochs(Cell cell, Trainer trainer, Accuracy accuracy, RandomAccessDataset training,
            RandomAccessDataset test, Tracker learningRate, long started) throws IOException, TranslateException {
        Loss loss = trainer.getLoss();
        double trainLoss = Double.NaN;
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        boolean diverged = false;
        for (int epoch = 1; epoch <= cell.epochs() && !diverged; epoch++) {
            synchronized (ENGINE_SEED) {
                Engine.getInstance().setRandomSeed(cell.seed() * 1000 + epoch);
            }
            BatchSampler shuffled = new BatchSampler(new SeededShuffle(cell.seed() * 1000L + epoch), batchSize, false);
            for (Batch batch : training.getData(trainer.getManager(), shuffled, null)) {
                try (batch) {
                    EasyTrain.trainBatch(trainer, batch);
                    if (!Float.isFinite(loss.getAccumulator(EvaluatorTrainingListener.TRAIN_ALL))) {
                        diverged = true;
                        break;
                    }
                    trainer.step();
                }
            }
            trainLoss = loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
            BatchSampler inOrder = new BatchSampler(new SequenceSampler(), batchSize, false);
            for (Batch batch : test.getData(trainer.getManager(), inOrder, null)) {
                try (batch) {
                    EasyTrain.validateBatch(trainer, batch);
                }
            }
            testLoss = loss.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
            testAccuracy = accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
            diverged |= !Double.isFinite(testLoss);
            if (learningRate instanceof ReduceOnPlateauTracker plateau && !diverged) {
                plateau.onValidationLoss((float) testLoss);
            }
        }
        return new CellResult(1 - testAccuracy, testLoss, trainLoss, (System.nanoTime() - started) / 1e9, diverged);
    }
}
