package dev.demon.spring.testing;

import java.io.IOException;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.translate.TranslateException;

/**
 * DJL's {@code EasyTrain.fit} of {@link SyntheticPipeline}'s model over its training and
 * validation sets, for tests of listeners in a hand-written loop.
 */
public final class SyntheticFit {

    private SyntheticFit() {
    }

    /**
     * Trains a new model of the pipeline's block with the configuration.
     * @param name the model's name
     * @param config the training configuration, its optimizer and listeners
     * @param epochs the epochs to train
     */
    public static void fit(String name, DefaultTrainingConfig config, int epochs)
            throws IOException, TranslateException {
        try (Model model = Model.newInstance(name)) {
            model.setBlock(SyntheticPipeline.newBlock());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(SyntheticPipeline.BATCH_SIZE, SyntheticDataset.FEATURES));
                EasyTrain.fit(trainer, epochs,
                        SyntheticDataset.of(SyntheticPipeline.TRAINING_SAMPLES, 1, SyntheticPipeline.BATCH_SIZE,
                                DataFault.NONE),
                        SyntheticDataset.of(SyntheticPipeline.VALIDATION_SAMPLES, 2, SyntheticPipeline.BATCH_SIZE,
                                DataFault.NONE));
            }
        }
    }

}
