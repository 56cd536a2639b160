package dev.demon.spring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;

/** What a pipeline gets without declaring it. */
class PipelineDefinitionTest {

    private final PipelineDefinition pipeline = new SyntheticPipeline(
            new StaticListableBeanFactory().getBeanProvider(DataFault.class));

    @Test
    void inputsAreUsedAsTheyAreUnlessThePipelineDeclaresItsTransforms() {
        assertThat(pipeline.inputPipeline().getTransforms()).isEmpty();
    }

    @Test
    void everyCallGivesANewPipelineSoThatAddingToOneChangesNoOther() {
        assertThat(pipeline.inputPipeline()).isNotSameAs(pipeline.inputPipeline());
    }

}
