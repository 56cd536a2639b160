package dev.demon.benchmarks.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import dev.demon.fashionmnist.pipeline.FashionMnistCnn;

/**
 * The benchmarks' workload is the demo CNN's trainable parameter set, whatever the demo's
 * CNN is.
 */
class CnnParameterSetTest {

    @Test
    void holdsEveryTrainableParameterOfTheDemoCnnWithAGradientOfItsShape() {
        try (NDManager manager = NDManager.newBaseManager(); CnnParameterSet parameters = new CnnParameterSet(1)) {
            Block block = new FashionMnistCnn(null).model();
            block.initialize(manager, DataType.FLOAT32,
                    new Shape(1, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH));
            List<Shape> trainable = block.getParameters()
                .values()
                .stream()
                .filter(Parameter::requiresGradient)
                .map(parameter -> parameter.getArray().getShape())
                .toList();

            assertThat(parameters.weights()).extracting(NDArray::getShape).containsExactlyElementsOf(trainable);
            assertThat(parameters.gradients()).extracting(NDArray::getShape).containsExactlyElementsOf(trainable);
            assertThat(parameters.size()).isEqualTo(trainable.stream().mapToLong(Shape::size).sum());
        }
    }

}
