package dev.demon.benchmarks.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.DataOutputStream;
import java.util.Iterator;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.training.EngineThreads;

/**
 * One epoch of the demo's CNN or MLP on the full Fashion-MNIST (60 000 training images,
 * validated on the 10 000 test images), batches of 128, Demon SGDM as the demo configures
 * it, on one engine, timed by phase: data (drawing the next batch), forward + backward
 * ({@code EasyTrain.trainBatch}), update ({@code trainer.step()}), validation, checkpoint
 * (the parameters written as the starter writes them, {@code Block.saveParameters}).
 * PyTorch and MXNet's NaiveEngine run operators on the calling thread, so each phase's
 * time is its own; MXNet's threaded engine runs them on its worker thread, so some of a
 * phase's work may be counted in the next phase that waits for a result. The epoch's
 * total is exact either way. The batch loop is {@code EasyTrain.fit}'s with a clock
 * around each phase, which {@code fit} cannot give: the benchmarks' one hand-written
 * training loop (the overhead benchmark's bare loop is {@code EasyTrain.fit} itself).
 *
 * <p>
 * Run by {@link EngineEpochs}, one process per configuration, since thread counts are
 * fixed when an engine's library loads:
 * {@code <cnn|mlp> <MXNet|PyTorch> <as-is|starter>}: {@code as-is} leaves the engine's
 * threads to its own default and the process's environment (which {@link EngineEpochs}
 * sets per configuration), {@code starter} applies the starter's choice through its
 * public API for processes without Spring Boot ({@link EngineThreads#prepare}, before the
 * engine loads, as its environment post-processor does at start-up). Prints one line:
 * {@code pipeline engine threads data fb update validation checkpoint} in seconds.
 */
public final class EpochBreakdown {

    private static final int BATCH_SIZE = 128;

    private static final int SEED = 42;

    private static final int WARM_UP_BATCHES = 10;

    private EpochBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        String pipelineName = args[0];
        String engineName = args[1];
        String threads = args[2];
        System.setProperty("ai.djl.default_engine", engineName);
        if ("starter".equals(threads)) {
            // Before the engine loads, as the starter's environment post-processor does.
            System.err
                .println(EngineThreads.prepare(engineName, System::getenv, Runtime.getRuntime().availableProcessors()));
        }
        FashionMnistDatasets datasets = new FashionMnistDatasets(new FashionMnistProperties(null, 60_000L, 10_000L));
        PipelineDefinition pipeline = "cnn".equals(pipelineName) ? new FashionMnistCnn(datasets)
                : new FashionMnistMlp(datasets);
        double[] seconds = epoch(pipeline, engineName);
        System.out.printf("%s %s %s %.4f %.4f %.4f %.4f %.4f%n", pipelineName, engineName, threads, seconds[0],
                seconds[1], seconds[2], seconds[3], seconds[4]);
    }

    private static double[] epoch(PipelineDefinition pipeline, String engineName)
            throws IOException, TranslateException {
        RandomAccessDataset training = pipeline.trainingSet(BATCH_SIZE);
        RandomAccessDataset validation = pipeline.validationSet(BATCH_SIZE);
        training.prepare();
        validation.prepare();
        long totalUpdates = (training.size() + BATCH_SIZE - 1) / BATCH_SIZE;
        Engine engine = Engine.getEngine(engineName);
        engine.setRandomSeed(SEED);
        double[] seconds = new double[5];
        try (Model model = Model.newInstance("epoch", engineName)) {
            Block block = pipeline.model();
            model.setBlock(block);
            Shape inputShape = new Shape(BATCH_SIZE, 1, 28, 28);
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            DemonSgd optimizer = DemonSgd.builder()
                .setLearningRateTracker(Tracker.fixed(0.05f))
                .optMomentumSchedule(new DemonSchedule(0.9f))
                .setTotalSteps(totalUpdates + WARM_UP_BATCHES)
                .optWeightDecays(0.001f)
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(pipeline.loss()).optOptimizer(optimizer)
                .addEvaluator(new Accuracy())
                .addTrainingListeners(new EvaluatorTrainingListener());
            try (optimizer; Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                // The warm-up's times are not counted.
                train(trainer, training.getData(trainer.getManager()).iterator(), WARM_UP_BATCHES, new double[3]);
                engine.setRandomSeed(SEED + 1);
                train(trainer, training.getData(trainer.getManager()).iterator(), Long.MAX_VALUE, seconds);
                long start = System.nanoTime();
                for (Batch batch : validation.getData(trainer.getManager())) {
                    try (batch) {
                        EasyTrain.validateBatch(trainer, batch);
                    }
                }
                seconds[3] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                try (DataOutputStream out = new DataOutputStream(OutputStream.nullOutputStream())) {
                    block.saveParameters(out);
                }
                seconds[4] = (System.nanoTime() - start) / 1e9;
            }
        }
        return seconds;
    }

    /**
     * The batch loop of {@code EasyTrain.fit} with a clock around each phase: trains on
     * the next batches, at most {@code limit}, and adds each phase's seconds to
     * {@code seconds}: data (drawing the batch), forward + backward, update.
     */
    private static void train(Trainer trainer, Iterator<Batch> batches, long limit, double[] seconds) {
        for (long trained = 0; trained < limit; trained++) {
            long start = System.nanoTime();
            if (!batches.hasNext()) {
                return;
            }
            try (Batch batch = batches.next()) {
                long drawn = System.nanoTime();
                EasyTrain.trainBatch(trainer, batch);
                long backward = System.nanoTime();
                trainer.step();
                long updated = System.nanoTime();
                seconds[0] += (drawn - start) / 1e9;
                seconds[1] += (backward - drawn) / 1e9;
                seconds[2] += (updated - backward) / 1e9;
            }
        }
    }

}
