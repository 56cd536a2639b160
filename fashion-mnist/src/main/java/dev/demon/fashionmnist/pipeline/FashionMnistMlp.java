package dev.demon.fashionmnist.pipeline;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.spring.pipeline.TrainingPipeline;

/**
 * A multilayer perceptron for Fashion-MNIST, 784-256-10 with ReLU: the quick baseline to
 * the convolutional {@link FashionMnistCnn}. Run it with
 * {@code --spring.batch.job.name=fashion-mnist-mlp}.
 */
@TrainingPipeline(name = "fashion-mnist-mlp", epochs = 10, batchSize = 128)
public class FashionMnistMlp extends FashionMnistPipeline {

    /**
     * @param datasets the Fashion-MNIST data
     */
    public FashionMnistMlp(FashionMnistDatasets datasets) {
        super(datasets);
    }

    @Override
    public Block model() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock(FashionMnist.IMAGE_WIDTH * FashionMnist.IMAGE_HEIGHT))
            .add(Linear.builder().setUnits(256).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(FashionMnist.NUM_CLASSES).build());
    }

}
