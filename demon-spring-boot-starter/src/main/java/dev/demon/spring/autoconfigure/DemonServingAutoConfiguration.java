package dev.demon.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.training.EngineType;
import dev.demon.spring.workspace.Workspace;

/**
 * Auto-configuration of serving the trained models, active only with
 * {@code demon.enabled=true}: {@link ServedModels} over the {@code @TrainingPipeline}
 * beans, the {@code demon.sweeps} and the {@link Workspace} in
 * {@code demon.checkpoint.dir}. It needs no job repository nor Spring Batch, so it serves
 * as well in a process that trains nothing ({@code spring.batch.job.enabled=false}).
 * Backs off when the application defines its own {@link ServedModels}.
 */
@AutoConfiguration(after = DemonAutoConfiguration.class)
@ConditionalOnBooleanProperty("demon.enabled")
@EnableConfigurationProperties(DemonProperties.class)
public final class DemonServingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServedModels servedModels(DemonProperties properties, Workspace workspace, ListableBeanFactory beanFactory) {
        Map<String, String> pipelineBySweep = new LinkedHashMap<>();
        properties.sweeps().forEach((sweep, definition) -> {
            // A sweep without its pipeline stops start-up where its job is built.
            if (definition.pipeline() != null) {
                pipelineBySweep.put(sweep, definition.pipeline());
            }
        });
        return new ServedModels(workspace, trainingPipelines(beanFactory), pipelineBySweep,
                EngineType.select(properties.engine()));
    }

    /**
     * By the name in their annotation, which is also their job's name and their folder's.
     */
    private static Map<String, PipelineDefinition> trainingPipelines(ListableBeanFactory beanFactory) {
        Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();
        for (String beanName : beanFactory.getBeanNamesForType(PipelineDefinition.class)) {
            TrainingPipeline declaration = beanFactory.findAnnotationOnBean(beanName, TrainingPipeline.class);
            if (declaration != null) {
                pipelines.put(declaration.name(), beanFactory.getBean(beanName, PipelineDefinition.class));
            }
        }
        return pipelines;
    }

}
