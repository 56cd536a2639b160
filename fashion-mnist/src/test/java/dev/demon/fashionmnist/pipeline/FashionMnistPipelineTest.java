package dev.demon.fashionmnist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;

/**
 * A Fashion-MNIST pipeline prepares its images with its own {@code inputPipeline()}: the
 * datasets it trains and validates on apply exactly those transforms, so serving, which
 * applies them to a request's image, prepares an image as training did.
 */
class FashionMnistPipelineTest {

    private final FashionMnistDatasets bundled = new FashionMnistDatasets(new FashionMnistProperties(null, null, null));

    private final FashionMnistPipeline pipeline = new FashionMnistMlp(bundled);

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void eachSetIsPreparedOncePerBatchSizeAndSharedByEveryRun() throws IOException, TranslateException {
        FashionMnistPipeline subset = new FashionMnistMlp(
                new FashionMnistDatasets(new FashionMnistProperties(null, 100L, 50L)));

        assertThat(subset.trainingSet(32)).isSameAs(subset.trainingSet(32)).isNotSameAs(subset.trainingSet(16));
        assertThat(subset.validationSet(32)).isSameAs(subset.validationSet(32));
    }

    @Test
    void trainingBatchesAreSingleChannelImagesNormalisedToZeroMeanOverTheTrainingSet()
            throws IOException, TranslateException {
        RandomAccessDataset training = pipeline.trainingSet(60_000);

        try (Batch batch = training.getData(manager).iterator().next()) {
            NDArray images = batch.getData().singletonOrThrow();
            assertThat(images.getShape()).isEqualTo(new Shape(60_000, 1, 28, 28));
            // The normalisation constants are the training pixels' mean and deviation, to
            // 4 digits.
            assertThat(images.mean().getFloat()).isCloseTo(0f, offset(1e-3f));
            assertThat(images.pow(2).mean().sqrt().getFloat()).isCloseTo(1f, offset(1e-3f));
        }
    }

    @Test
    void inputPipelineTurnsAStoredImageIntoExactlyTheFirstValidationBatch() throws IOException, TranslateException {
        // get() hands out the stored record; the dataset applies its transforms when it
        // batches.
        NDArray stored = bundled.testSet(1, new Pipeline()).get(manager, 0).getData().singletonOrThrow();

        NDArray prepared = pipeline.inputPipeline().transform(new NDList(stored)).singletonOrThrow();

        try (Batch first = pipeline.validationSet(1).getData(manager).iterator().next()) {
            NDArray validated = first.getData().singletonOrThrow();
            assertThat(prepared.getShape()).isEqualTo(new Shape(1, 28, 28));
            assertThat(prepared.toFloatArray()).containsExactly(validated.toFloatArray());
        }
    }

}
