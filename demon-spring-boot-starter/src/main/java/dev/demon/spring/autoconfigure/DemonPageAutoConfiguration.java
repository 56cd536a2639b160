package dev.demon.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.page.SweepPage;
import dev.demon.spring.page.SweepPageController;
import dev.demon.spring.page.TrainingPage;
import dev.demon.spring.page.TrainingPageController;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.workspace.Workspace;

/**
 * Auto-configuration of the training page at {@code /demon}, active with
 * {@code demon.enabled=true} in a servlet web application (the starter brings no web
 * server: the application's {@code spring-boot-starter-webmvc} does), unless
 * {@code demon.page.enabled=false}: the {@link LiveTrainings} the jobs publish to, the
 * {@link TrainingPage} over them and the pipelines' reports, and its
 * {@link TrainingPageController}; with a JobRepository, the {@link SweepPage} over the
 * {@link SweepSummary} beans (the application's sweeps) and its
 * {@link SweepPageController}. Each backs off when the application defines its own.
 */
@AutoConfiguration(
        after = { DemonAutoConfiguration.class, BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnBooleanProperty(name = "demon.page.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ DemonOptimizerFactory.class, Workspace.class })
@EnableConfigurationProperties(DemonProperties.class)
public final class DemonPageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LiveTrainings liveTrainings() {
        return new LiveTrainings();
    }

    @Bean
    @ConditionalOnMissingBean
    TrainingPage trainingPage(Workspace workspace, LiveTrainings liveTrainings, DemonOptimizerFactory optimizers,
            ListableBeanFactory beanFactory) {
        return new TrainingPage(workspace, pipelineNames(beanFactory), liveTrainings, optimizers);
    }

    @Bean
    @ConditionalOnMissingBean
    TrainingPageController trainingPageController(TrainingPage trainingPage) {
        return new TrainingPageController(trainingPage);
    }

    /**
     * The sweeps' part of the page: where a JobRepository records their trials.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(JobRepository.class)
    static class SweepPageConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SweepPage sweepPage(ObjectProvider<SweepSummary> sweeps, JobRepository jobRepository) {
            return new SweepPage(sweeps.orderedStream().toList(), jobRepository);
        }

        @Bean
        @ConditionalOnMissingBean
        SweepPageController sweepPageController(SweepPage sweepPage) {
            return new SweepPageController(sweepPage);
        }

    }

    /** The names in the {@code @TrainingPipeline} annotations, in bean order. */
    private static List<String> pipelineNames(ListableBeanFactory beanFactory) {
        List<String> names = new ArrayList<>();
        for (String beanName : beanFactory.getBeanNamesForAnnotation(TrainingPipeline.class)) {
            names.add(beanFactory.findAnnotationOnBean(beanName, TrainingPipeline.class).name());
        }
        return names;
    }

}
