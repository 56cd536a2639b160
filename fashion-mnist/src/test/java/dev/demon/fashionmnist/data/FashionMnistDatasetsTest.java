package dev.demon.fashionmnist.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled Fashion-MNIST, loaded through DJL, is the published data set: 60 000
 * training and 10 000 test images of 28×28, ten balanced classes
 * (github.com/zalandoresearch/fashion-mnist). How the images are prepared is the
 * pipeline's ({@code FashionMnistPipelineTest}); here they are taken as they are, with no
 * transforms.
 */
class FashionMnistDatasetsTest {

    private static final Pipeline AS_THEY_ARE = new Pipeline();

    private final FashionMnistDatasets bundled = new FashionMnistDatasets(new FashionMnistProperties(null, null, null));

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
    void trainingSetHoldsSixThousandImagesOfEachOfTenClasses() throws IOException, TranslateException {
        RandomAccessDataset training = bundled.trainingSet(60_000, AS_THEY_ARE);

        assertThat(training.size()).isEqualTo(60_000);
        assertThat(imagesPerClass(training)).containsExactly(6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000,
                6000);
    }

    @Test
    void testSetHoldsOneThousandImagesOfEachOfTenClasses() throws IOException, TranslateException {
        RandomAccessDataset test = bundled.testSet(10_000, AS_THEY_ARE);

        assertThat(test.size()).isEqualTo(10_000);
        assertThat(imagesPerClass(test)).containsExactly(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
    }

    @Test
    void withoutTransformsImagesAreTheFilesPixelValuesAsSingleChannelArrays() throws IOException, TranslateException {
        RandomAccessDataset training = bundled.trainingSet(60_000, AS_THEY_ARE);

        try (Batch batch = training.getData(manager).iterator().next()) {
            NDArray images = batch.getData().singletonOrThrow();
            // DJL's FashionMnist keeps the bytes as floats, height × width × channel.
            assertThat(images.getShape()).isEqualTo(new Shape(60_000, 28, 28, 1));
            assertThat(images.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(images.min().getFloat()).isEqualTo(0f);
            assertThat(images.max().getFloat()).isEqualTo(255f);
        }
    }

    @Test
    void subsetPropertiesLimitBothSets() throws IOException, TranslateException {
        FashionMnistDatasets subset = new FashionMnistDatasets(new FashionMnistProperties(null, 2000L, 1000L));

        assertThat(subset.trainingSet(128, AS_THEY_ARE).size()).isEqualTo(2000);
        assertThat(subset.testSet(128, AS_THEY_ARE).size()).isEqualTo(1000);
    }

    /**
     * Counts per label 0..9 over the whole set, read as one batch; any label outside 0..9
     * is lost from the sum.
     */
    private int[] imagesPerClass(RandomAccessDataset dataset) throws IOException, TranslateException {
        try (Batch batch = dataset.getData(manager).iterator().next()) {
            NDArray labels = batch.getLabels().singletonOrThrow();
            assertThat(labels.size()).isEqualTo(dataset.size());
            int[] counts = new int[10];
            for (int label = 0; label < counts.length; label++) {
                counts[label] = (int) labels.eq(label).sum().getLong();
            }
            return counts;
        }
    }

}
