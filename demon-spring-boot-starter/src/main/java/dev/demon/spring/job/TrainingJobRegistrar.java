package dev.demon.spring.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;

/**
 * Registers one {@link Job} bean per {@link TrainingPipeline} bean, built by the
 * {@link TrainingJobFactory}. The job's name is the pipeline's; its bean name is
 * {@code <pipeline>-job}, since the pipeline bean already has the pipeline's name.
 *
 * <p>
 * Job beans are what Spring Boot's job launcher and Spring Batch's job registry pick up,
 * so a pipeline's job can be selected with {@code spring.batch.job.name} and restarted by
 * name.
 */
public class TrainingJobRegistrar implements BeanDefinitionRegistryPostProcessor {

    /** Suffix of a job bean's name. */
    public static final String JOB_BEAN_SUFFIX = "-job";

    private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (!(registry instanceof ConfigurableListableBeanFactory beanFactory)) {
            return;
        }
        pipelines(beanFactory).forEach((beanName, declaration) -> {
            RootBeanDefinition job = new RootBeanDefinition(Job.class,
                    () -> createJob(beanFactory, beanName, declaration));
            job.setDescription("Spring Batch job of @TrainingPipeline " + declaration.name());
            registry.registerBeanDefinition(declaration.name() + JOB_BEAN_SUFFIX, job);
        });
    }

    /**
     * The {@link TrainingPipeline} beans of a bean factory, each checked: a
     * {@link PipelineDefinition} with a valid name.
     * @param beanFactory the bean factory, as its bean definitions are registered
     * @return each pipeline's annotation by its bean's name, in registration order
     * @throws IllegalStateException when a pipeline is not a {@link PipelineDefinition}
     * or its name is not lowercase letters and digits separated by single dashes
     */
    public static Map<String, TrainingPipeline> pipelines(ConfigurableListableBeanFactory beanFactory) {
        Map<String, TrainingPipeline> pipelines = new LinkedHashMap<>();
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(beanName, false);
            if (type == null) {
                continue;
            }
            MergedAnnotation<TrainingPipeline> annotation = MergedAnnotations.from(type).get(TrainingPipeline.class);
            if (!annotation.isPresent()) {
                continue;
            }
            TrainingPipeline declaration = annotation.synthesize();
            check(beanName, type, declaration);
            pipelines.put(beanName, declaration);
        }
        return pipelines;
    }

    private static void check(String beanName, Class<?> type, TrainingPipeline declaration) {
        if (!PipelineDefinition.class.isAssignableFrom(type)) {
            throw new IllegalStateException("@TrainingPipeline class " + type.getName() + " (bean " + beanName
                    + ") must implement " + PipelineDefinition.class.getName());
        }
        if (!PIPELINE_NAME.matcher(declaration.name()).matches()) {
            throw new IllegalStateException("@TrainingPipeline name \"" + declaration.name() + "\" of " + type.getName()
                    + " must be lowercase letters and digits separated by single dashes");
        }
    }

    private static Job createJob(BeanFactory beanFactory, String pipelineBean, TrainingPipeline declaration) {
        return beanFactory.getBean(TrainingJobFactory.class)
            .create(declaration, beanFactory.getBean(pipelineBean, PipelineDefinition.class));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // Everything happens when the bean definitions are registered.
    }

}
