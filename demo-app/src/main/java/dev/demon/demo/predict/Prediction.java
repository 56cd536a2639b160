package dev.demon.demo.predict;

import java.util.List;

import ai.djl.modality.Classifications;

import dev.demon.fashionmnist.data.FashionMnistLabels;

/**
 * What {@code POST /predict} answers for an image.
 *
 * @param pipeline the pipeline whose best model predicted
 * @param label the most probable class's name
 * @param index that class's label, 0 to 9
 * @param probabilities the probability of each class, in label order
 */
public record Prediction(String pipeline, String label, int index, float[] probabilities) {

    /**
     * The prediction DJL's classification gives.
     * @param pipeline the pipeline's name
     * @param classifications every class with its probability, as the translator made
     * them
     * @return the prediction
     */
    static Prediction of(String pipeline, Classifications classifications) {
        List<String> names = classifications.getClassNames();
        List<Double> probabilities = classifications.getProbabilities();
        float[] inLabelOrder = new float[FashionMnistLabels.NAMES.size()];
        for (int i = 0; i < names.size(); i++) {
            inLabelOrder[FashionMnistLabels.NAMES.indexOf(names.get(i))] = probabilities.get(i).floatValue();
        }
        String best = classifications.best().getClassName();
        return new Prediction(pipeline, best, FashionMnistLabels.NAMES.indexOf(best), inLabelOrder);
    }
}
