package dev.demon.benchmarks.overhead;

import java.io.IOException;
import java.util.List;

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
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.translate.TranslateException;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.DemonTrainingListeners;

/**
 * What a user writes without the starter's jobs, as docs/pipelines.md's "Your own
 * training loop" shows: the pipeline's data, model and loss, the same optimizer
 * ({@link DemonOptimizerFactory} with T = epochs × batches), the starter's
 * {@link DemonTrainingListeners} (divergence check and history; no meters, log or
 * checkpoint), one {@link EasyTrain#fit} over the job's epochs with validation, and
 * nothing else (no job, checkpoint, metrics or report). Seeded as the starter seeds its
 * jobs: seed before the parameters are initialised, seed + epoch before each epoch.
 */
final class BareTrainingLoop {

    private final PipelineDefinition pipeline;

    private final DemonOptimizerFactory optimizers;

    private final int batchSize;

    private final int seed;

    private final int epochs;

    BareTrainingLoop(PipelineDefinition pipeline, DemonOptimizerFactory optimizers, int batchSize, int seed,
            int epochs) {
        this.pipeline = pipeline;
        this.optimizers = optimizers;
        this.batchSize = batchSize;
        this.seed = seed;
        this.epochs = epochs;
    }

    /**
     * Trains the epochs from scratch.
     * @return each epoch's summary: validation accuracy, and the training loop's samples
     * per second as the starter's history measures them on both sides
     */
    List<EpochSummary> train() throws IOException, TranslateException {
        RandomAccessDataset training = pipeline.trainingSet(batchSize);
        RandomAccessDataset validation = pipeline.validationSet(batchSize);
        training.prepare();
        validation.prepare();
        long totalUpdates = epochs * ((training.size() + batchSize - 1) / batchSize);
        Engine.getInstance().setRandomSeed(seed);
        try (Model model = Model.newInstance("bare")) {
            Block block = pipeline.model();
            model.setBlock(block);
            Shape[] inputShapes;
            try (Batch first = training.getData(model.getNDManager()).iterator().next()) {
                inputShapes = first.getData().getShapes();
            }
            Engine.getInstance().setRandomSeed(seed);
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
            ScheduledMomentumOptimizer optimizer = optimizers.create(totalUpdates);
            DemonTrainingListeners demon = DemonTrainingListeners.builder()
                .setOptimizer(optimizer)
                .setEpochs(epochs)
                .optLogging(false)
                .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(pipeline.loss()).optOptimizer(optimizer)
                .addEvaluator(new Accuracy())
                .addTrainingListeners(new EvaluatorTrainingListener())
                .addTrainingListeners(demon.toArray())
                .addTrainingListeners(new EpochSeeds());
            try (optimizer; Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShapes);
                Engine.getInstance().setRandomSeed(seed + 1);
                EasyTrain.fit(trainer, epochs, training, validation);
                return demon.history().history();
            }
        }
    }

    /**
     * Seeds the engine with seed + epoch before each epoch after the first, as the
     * starter's epoch steps do, so that both sides draw the same batch orders and dropout
     * masks: DJL calls {@code onEpoch} after an epoch's validation, before the next
     * epoch's first batch.
     */
    private final class EpochSeeds extends TrainingListenerAdapter {

        private int finished;

        @Override
        public void onEpoch(Trainer trainer) {
            finished++;
            Engine.getInstance().setRandomSeed(seed + finished + 1);
        }

    }

}
