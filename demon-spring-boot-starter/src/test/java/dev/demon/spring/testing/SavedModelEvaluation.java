package dev.demon.spring.testing;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;

/**
 * A model folder that a synthetic job saved, loaded with DJL's {@code Model.load} into
 * the pipeline's block, and evaluated on the pipeline's validation set as the job
 * validates: in order, in batches of the pipeline's size.
 *
 * @param epochProperty the model's DJL property {@code Epoch}
 * @param validationLoss the loss over the validation set
 * @param validationAccuracy the accuracy over the validation set
 */
public record SavedModelEvaluation(String epochProperty, float validationLoss, float validationAccuracy) {

    /**
     * Loads and evaluates a folder.
     * @param folder {@code model/} or {@code best-model/}
     * @return the model's {@code Epoch} property and its validation figures
     */
    public static SavedModelEvaluation of(Path folder) throws IOException, MalformedModelException, TranslateException {
        try (Model model = Model.newInstance(SyntheticPipeline.NAME)) {
            model.setBlock(SyntheticPipeline.newBlock());
            model.load(folder);
            Accuracy accuracy = new Accuracy();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addEvaluator(accuracy)
                .addTrainingListeners(new EvaluatorTrainingListener());
            try (Trainer trainer = model.newTrainer(config)) {
                BatchSampler inOrder = new BatchSampler(new SequenceSampler(), SyntheticPipeline.BATCH_SIZE, false);
                SyntheticDataset validation = SyntheticDataset.of(SyntheticPipeline.VALIDATION_SAMPLES, 2,
                        SyntheticPipeline.BATCH_SIZE, DataFault.NONE);
                for (Batch batch : validation.getData(trainer.getManager(), inOrder, null)) {
                    try (batch) {
                        EasyTrain.validateBatch(trainer, batch);
                    }
                }
                return new SavedModelEvaluation(model.getProperty("Epoch"),
                        trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH),
                        accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH));
            }
        }
    }
}
