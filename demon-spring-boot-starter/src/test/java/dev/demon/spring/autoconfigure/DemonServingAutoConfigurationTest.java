package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.testing.FeaturesTranslator;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.workspace.Workspace;

/**
 * Serving the trained models needs only the starter on: no Spring Batch, no job
 * repository, no training.
 */
class DemonServingAutoConfigurationTest {

    @TempDir
    Path checkpoints;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonServingAutoConfiguration.class))
        .withUserConfiguration(SyntheticPipeline.class);

    @Test
    void createsNothingWithoutDemonEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServedModels.class));
    }

    @Test
    void servesEachTrainingPipelineUnderItsName() {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + checkpoints).run(context -> {
            ServedModels models = context.getBean(ServedModels.class);
            assertThat(models.pipelineNames()).containsExactly(SyntheticPipeline.NAME);
            assertThat(models.pipeline(SyntheticPipeline.NAME)).isSameAs(context.getBean(SyntheticPipeline.class));
            assertThat(models.bestModelFolder(SyntheticPipeline.NAME))
                .isEqualTo(checkpoints.resolve("synthetic").resolve("best-model"));
        });
    }

    @Test
    void predictsNothingBeforeAnyRunHasCompleted() {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + checkpoints).run(context -> {
            ServedModel<float[], float[]> model = context.getBean(ServedModels.class)
                .bestModel(SyntheticPipeline.NAME, float[].class, float[].class, new FeaturesTranslator());
            assertThat(model.predict(new float[] { 1, 2, 3, 4 })).isEmpty();
        });
    }

    @Test
    void unknownPipelineIsRefusedNamingThoseThereAre() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThatThrownBy(() -> context.getBean(ServedModels.class).pipeline("fashion-mnist-cnn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"fashion-mnist-cnn\"")
                .hasMessageContaining("[synthetic]"));
    }

    @Test
    void servedModelsAreClosedWithTheContext() {
        ServedModel<?, ?>[] model = new ServedModel<?, ?>[1];
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + checkpoints)
            .run(context -> model[0] = context.getBean(ServedModels.class)
                .bestModel(SyntheticPipeline.NAME, float[].class, float[].class, new FeaturesTranslator()));

        @SuppressWarnings("unchecked")
        ServedModel<float[], float[]> closed = (ServedModel<float[], float[]>) model[0];
        assertThatThrownBy(() -> closed.predict(new float[] { 1, 2, 3, 4 })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void backsOffForTheApplicationsOwnServedModels() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnServedModels.class)
            .run(context -> assertThat(context.getBean(ServedModels.class))
                .isSameAs(context.getBean("ownServedModels")));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServedModels {

        @Bean
        ServedModels ownServedModels() {
            return new ServedModels(new Workspace(Path.of("elsewhere")), Map.of());
        }

    }

}
