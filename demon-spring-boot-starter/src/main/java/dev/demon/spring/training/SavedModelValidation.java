package dev.demon.spring.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.translate.TranslateException;

/**
 * A saved model's figures on its pipeline's validation set, measured exactly as a run
 * validates after every epoch: the folder loaded with DJL's {@code Model.load} into the
 * pipeline's block, then a DJL {@link Trainer} with the pipeline's loss and evaluators
 * over the validation batches in order ({@code EasyTrain.validateBatch}), the figures
 * read from DJL's validation accumulators. The loss is the pipeline's own, so a pipeline
 * without evaluators (a regression) is measured by it. A model saved from an epoch's
 * checkpoint therefore scores what that epoch recorded.
 *
 * @param validationLoss the pipeline's loss over the validation set
 * @param validationAccuracy the accuracy over it, NaN without an accuracy evaluator
 */
public record SavedModelValidation(float validationLoss, float validationAccuracy) {

    /**
     * Evaluates a saved model.
     * @param plan the pipeline, its engine, batch size and seed
     * @param folder the model's folder, as {@code Model.save} wrote it under the
     * pipeline's name
     * @return its figures
     * @throws IOException when the folder or the data cannot be read
     * @throws MalformedModelException when the parameters do not fit the pipeline's block
     * @throws TranslateException when the data cannot be batched
     */
    public static SavedModelValidation of(TrainingPlan plan, Path folder)
            throws IOException, MalformedModelException, TranslateException {
        TrainingData data;
        // As a session opens: a pipeline splitting its data at random splits it the same
        // way, without another run's reseeding in between.
        try (EngineGenerators.Hold preparation = plan.seed() != null
                ? EngineGenerators.seedAndHold(plan.engine(), plan.seed()) : EngineGenerators.Hold.NONE) {
            data = TrainingData.prepare(plan);
        }
        try (Model model = Model.newInstance(plan.pipeline(), plan.engine())) {
            model.setBlock(plan.definition().model());
            model.load(folder, plan.pipeline());
            DefaultTrainingConfig config = new DefaultTrainingConfig(plan.definition().loss())
                .addTrainingListeners(new EvaluatorTrainingListener());
            // Once: a pipeline may make new evaluators on every call.
            List<Evaluator> evaluators = plan.definition().evaluators();
            evaluators.forEach(config::addEvaluator);
            try (Trainer trainer = model.newTrainer(config)) {
                for (Batch batch : data.validationBatches(trainer.getManager())) {
                    try (batch) {
                        EasyTrain.validateBatch(trainer, batch);
                    }
                }
                float loss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
                float accuracy = AccuracyEvaluator.in(evaluators)
                    .map(evaluator -> evaluator.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH))
                    .orElse(Float.NaN);
                return new SavedModelValidation(loss, accuracy);
            }
        }
    }

    /**
     * The figure a monitor compares.
     * @param monitor the pipeline's monitor
     * @return the validation loss or the validation accuracy
     */
    public float figure(ModelMonitor monitor) {
        return monitor.figureOf(validationLoss, validationAccuracy);
    }

}
