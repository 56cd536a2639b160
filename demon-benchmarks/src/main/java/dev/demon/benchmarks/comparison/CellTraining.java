package dev.demon.benchmarks.comparison;

import ai.djl.Model;
import ai.djl.TrainingDivergedException;
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
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.training.DemonTrainingListeners;
import dev.demon.spring.training.HistoryTrainingListener;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * Trains one {@link Cell}: the demo's model, the optimizer the starter would build for
 * the cell's properties ({@link DemonOptimizerFactory},
 * {@link LearningRateTrackerFactory}; only the plateau schedule's patience is scaled to
 * the budget, see {@link #plateau}), softmax cross-entropy, T = epochs × batches per
 * epoch, and the starter's {@link DemonTrainingListeners} (divergence check, plateau
 * feed); after every epoch the test set is evaluated, and the last evaluation is the
 * cell's result.
 *
 * <p>
 * Seeds: the engine's global generator (initial parameters, dropout) is seeded with the
 * cell's seed under a lock before the parameters are initialised and before every epoch;
 * batches are drawn by {@link SeededShuffle} from seed·1000 + epoch. With one cell at a
 * time a cell is repeatable; cells running concurrently share the engine's generator for
 * dropout.
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
     * @param cell what to train
     * @return its result
     */
    public CellResult train(Cell cell) {
        long started = System.nanoTime();
        RandomAccessDataset training = data.training();
        RandomAccessDataset test = data.test();
        long batchesPerEpoch = (training.size() + batchSize - 1) / batchSize;
        long totalUpdates = cell.epochs() * batchesPerEpoch;
        LearningRateTrackerFactory learningRates = new LearningRateTrackerFactory(cell.method().learningRate(),
                cell.learningRate());
        DemonOptimizerFactory optimizers = new DemonOptimizerFactory(cell.optimizer(),
                cell.method().momentum().create(cell.betaInit(), 0f), learningRates, weightDecay);
        Tracker learningRate = cell.method().learningRate() == LearningRateScheduleType.PLATEAU ? plateau(cell)
                : learningRates.create(totalUpdates);
        Shape input = new Shape(batchSize, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH);
        try (ScheduledMomentumOptimizer optimizer = optimizers.create(totalUpdates, learningRate);
                Model model = Model.newInstance(cell.key())) {
            Block block = cell.model().newBlock();
            model.setBlock(block);
            synchronized (ENGINE_SEED) {
                Engine.getInstance().setRandomSeed(cell.seed());
                block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            }
            // The starter's own divergence check and plateau feed; no log lines or meters
            // per cell.
            DemonTrainingListeners demon = DemonTrainingListeners.builder()
                .setOptimizer(optimizer)
                .setEpochs(cell.epochs())
                .optPipeline(cell.key())
                .optLogging(false)
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .addEvaluator(new Accuracy())
                .addTrainingListeners(new EvaluatorTrainingListener())
                .addTrainingListeners(demon.toArray());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(input);
                return trainEpochs(cell, trainer, demon.history(), training, test, started);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (TranslateException e) {
            throw new IllegalStateException("Cannot read the data of " + cell.key(), e);
        }
    }

    /**
     * The plateau schedule with its patience scaled to the budget: the starter's default
     * patience of 10 epochs (PyTorch's) would never fire within a short budget, making it
     * plain momentum. One epoch of patience per 10 epochs of budget, at least one.
     */
    private static Tracker plateau(Cell cell) {
        return ReduceOnPlateauTracker.builder()
            .setBaseValue(cell.learningRate())
            .optPatience(Math.max(1, cell.epochs() / 10))
            .build();
    }

    private CellResult trainEpochs(Cell cell, Trainer trainer, HistoryTrainingListener history,
            RandomAccessDataset training, RandomAccessDataset test, long started)
            throws IOException, TranslateException {
        boolean diverged = false;
        for (int epoch = 1; epoch <= cell.epochs() && !diverged; epoch++) {
            synchronized (ENGINE_SEED) {
                Engine.getInstance().setRandomSeed(cell.seed() * 1000 + epoch);
            }
            BatchSampler shuffled = new BatchSampler(new SeededShuffle(cell.seed() * 1000L + epoch), batchSize, false);
            try {
                for (Batch batch : training.getData(trainer.getManager(), shuffled, null)) {
                    try (batch) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                }
            }
            catch (TrainingDivergedException ex) {
                // The diverged batch's update was not applied; the cell counts the error
                // the model ends with.
                diverged = true;
            }
            float trainLoss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
            BatchSampler inOrder = new BatchSampler(new SequenceSampler(), batchSize, false);
            for (Batch batch : test.getData(trainer.getManager(), inOrder, null)) {
                try (batch) {
                    EasyTrain.validateBatch(trainer, batch);
                }
            }
            float testLoss = history.validationLoss();
            float testAccuracy = history.validationAccuracy();
            if (diverged || epoch == cell.epochs()) {
                return new CellResult(1 - testAccuracy, testLoss, trainLoss, (System.nanoTime() - started) / 1e9,
                        diverged || !Float.isFinite(testLoss));
            }
            try {
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
            }
            catch (TrainingDivergedException ex) {
                return new CellResult(1 - testAccuracy, testLoss, trainLoss, (System.nanoTime() - started) / 1e9, true);
            }
        }
        throw new IllegalStateException("unreachable: a cell has at least one epoch");
    }

}
