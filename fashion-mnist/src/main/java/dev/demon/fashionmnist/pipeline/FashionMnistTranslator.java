package dev.demon.fashionmnist.pipeline;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import ai.djl.translate.Translator;

import dev.demon.fashionmnist.data.FashionMnistLabels;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * How a Fashion-MNIST model answers for an image: grey 28 × 28, the pipeline's
 * transforms, softmax over the ten classes, all ten in the answer.
 */
public final class FashionMnistTranslator {

    private FashionMnistTranslator() {
    }

    /**
     * The translator of one of the pipelines.
     * @param definition the pipeline, whose input transforms the images go through
     * @return the translator
     */
    public static Translator<Image, Classifications> of(PipelineDefinition definition) {
        return ImageClassificationTranslator.builder()
            .optFlag(Image.Flag.GRAYSCALE)
            .setPipeline(definition.inputPipeline())
            .optSynset(FashionMnistLabels.NAMES)
            .optApplySoftmax(true)
            .optTopK(FashionMnistLabels.NAMES.size())
            .build();
    }

}
