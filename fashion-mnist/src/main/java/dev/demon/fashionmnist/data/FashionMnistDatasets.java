package dev.demon.fashionmnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.training.dataset.Dataset.Usage;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import org.springframework.util.FileSystemUtils;
import org.jspecify.annotations.Nullable;

/**
 * Fashion-MNIST as DJL datasets, ready for the pipelines: the training set shuffled, the
 * test set (Fashion-MNIST has no separate validation split) in order, each image a
 * {@code (28, 28, 1)} array of bytes prepared by the pipeline's input transforms, with
 * labels 0 to 9.
 */
public class FashionMnistDatasets {

    /**
     * Mean of the 60 000 training images' pixels, scaled to [0, 1]; computed from
     * {@code train-images-idx3-ubyte.gz} (0.28604).
     */
    public static final float PIXEL_MEAN = 0.2860f;

    /** Standard deviation of the same pixels (0.35302). */
    public static final float PIXEL_STD = 0.3530f;

    private final FashionMnistProperties properties;

    private final FashionMnistFiles files;

    /**
     * @param properties where the data is and how much of it to use
     */
    public FashionMnistDatasets(FashionMnistProperties properties) {
        this.properties = properties;
        this.files = new FashionMnistFiles(properties.dir());
    }

    /**
     * The training images, reshuffled every epoch, limited to
     * {@code demo.data.training-samples}.
     * @param batchSize the mini-batch size
     * @param inputs the transforms applied to each image, the pipeline's
     * {@code inputPipeline()}
     * @return the prepared training set
     * @throws InvalidDataFileException when a training file is missing or corrupt
     * @throws IOException when the files cannot be unpacked
     * @throws TranslateException when DJL cannot convert them
     */
    public RandomAccessDataset trainingSet(int batchSize, Pipeline inputs) throws IOException, TranslateException {
        return load(Usage.TRAIN, batchSize, true, properties.trainingSamples(), inputs);
    }

    /**
     * The test images in file order, limited to {@code demo.data.validation-samples}.
     * @param batchSize the mini-batch size
     * @param inputs the transforms applied to each image, the pipeline's
     * {@code inputPipeline()}
     * @return the prepared test set
     * @throws InvalidDataFileException when a test file is missing or corrupt
     * @throws IOException when the files cannot be unpacked
     * @throws TranslateException when DJL cannot convert them
     */
    public RandomAccessDataset testSet(int batchSize, Pipeline inputs) throws IOException, TranslateException {
        return load(Usage.TEST, batchSize, false, properties.validationSamples(), inputs);
    }

    private RandomAccessDataset load(Usage usage, int batchSize, boolean shuffle, @Nullable Long limit, Pipeline inputs)
            throws IOException, TranslateException {
        Path unpacked = Files.createTempDirectory("fashion-mnist-");
        try {
            FashionMnist.Builder builder = FashionMnist.builder()
                .optRepository(files.unpack(usage, unpacked))
                .optUsage(usage)
                .setSampling(batchSize, shuffle)
                .optPipeline(inputs);
            if (limit != null) {
                builder.optLimit(limit);
            }
            FashionMnist dataset = builder.build();
            // Reads the unpacked files into memory, so the folder can go right after.
            dataset.prepare();
            return dataset;
        }
        finally {
            FileSystemUtils.deleteRecursively(unpacked);
        }
    }

}
