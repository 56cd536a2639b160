package dev.demon.demo.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * A model folder the demo saved for its MLP ({@code model/}, {@code best-model/}, a
 * sweep's {@code best-model/}), loaded in the test JVM as a user would load it, and
 * evaluated as the demo validates: the quick profile's validation set, the first
 * {@value #VALIDATION_SAMPLES} test images, in order.
 */
final class SavedMlpModel {

    /** The quick profile's validation set: the first 1000 test images. */
    static final int VALIDATION_SAMPLES = 1000;

    /**
     * The MLP as the quick profile trains and validates it; its block and datasets, no
     * Spring.
     */
    static final PipelineDefinition PIPELINE = new FashionMnistMlp(
            new FashionMnistDatasets(new FashionMnistProperties(null, 2000L, (long) VALIDATION_SAMPLES)));

    private SavedMlpModel() {
    }

    /**
     * A saved model folder loaded as a user would: DJL's Criteria with the pipeline's
     * block.
     */
    static ZooModel<NDList, NDList> load(Path folder) throws Exception {
        return Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(folder)
            .optModelName(MlpJob.PIPELINE)
            .optBlock(PIPELINE.model())
            .optEngine(Engine.getDefaultEngineName())
            .build()
            .loadModel();
    }

    /**
     * What a saved model gives the first validation images, as the demo's server answers
     * for them: each image's ten logits, softmax over them.
     * @param folder the saved model
     * @param count how many of the first validation images
     * @return the probabilities of each image, in order
     */
    static List<float[]> validationProbabilities(Path folder, int count) throws Exception {
        List<float[]> probabilities = new ArrayList<>();
        try (ZooModel<NDList, NDList> model = load(folder);
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            RandomAccessDataset validation = PIPELINE.validationSet(1);
            BatchSampler oneByOne = new BatchSampler(new SequenceSampler(), 1, false);
            for (Batch record : validation.getData(model.getNDManager(), oneByOne, null)) {
                try (record) {
                    NDList logits = predictor.predict(record.getData());
                    probabilities.add(logits.singletonOrThrow().squeeze(0).softmax(0).toFloatArray());
                }
                if (probabilities.size() == count) {
                    break;
                }
            }
        }
        return probabilities;
    }

    /**
     * Validation loss and accuracy as the job validates: the set in order, in batches of
     * the run's size.
     */
    static float[] evaluate(Model model, int batchSize) throws Exception {
        Accuracy accuracy = new Accuracy();
        DefaultTrainingConfig config = new DefaultTrainingConfig(PIPELINE.loss()).addEvaluator(accuracy)
            .addTrainingListeners(new EvaluatorTrainingListener());
        try (Trainer trainer = model.newTrainer(config)) {
            BatchSampler inOrder = new BatchSampler(new SequenceSampler(), batchSize, false);
            RandomAccessDataset validation = PIPELINE.validationSet(batchSize);
            for (Batch batch : validation.getData(trainer.getManager(), inOrder, null)) {
                try (batch) {
                    EasyTrain.validateBatch(trainer, batch);
                }
            }
            return new float[] { trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH),
                    accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH) };
        }
    }

}
