package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;

class TrainingJobRegistrarTest {

    private static void register(Class<?> pipeline) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(pipeline);
            new TrainingJobRegistrar().postProcessBeanDefinitionRegistry(context.getDefaultListableBeanFactory());
        }
    }

    @Test
    void pipelineNameMustBeLowercaseWordsSeparatedByDashes() {
        assertThatIllegalStateException().isThrownBy(() -> register(BadName.class))
            .withMessageContaining("@TrainingPipeline name \"Fashion_MNIST\"")
            .withMessageContaining("lowercase letters and digits separated by single dashes");
    }

    @Test
    void annotatedClassMustBeAPipelineDefinition() {
        assertThatIllegalStateException().isThrownBy(() -> register(NotADefinition.class))
            .withMessageContaining("must implement " + PipelineDefinition.class.getName());
    }

    @TrainingPipeline(name = "Fashion_MNIST")
    static class BadName implements PipelineDefinition {

        @Override
        public Block model() {
            throw new UnsupportedOperationException();
        }

        @Override
        public RandomAccessDataset trainingSet(int batchSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RandomAccessDataset validationSet(int batchSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Loss loss() {
            return Loss.l2Loss();
        }

    }

    @TrainingPipeline(name = "not-a-definition")
    static class NotADefinition {

        List<String> nothing() {
            return List.of();
        }

    }

}
