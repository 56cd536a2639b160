package dev.demon.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.demon.spring.metrics.SweepMetrics;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.sweep.SweepSummary;

/**
 * Auto-configuration of the training meters ({@code demon.momentum},
 * {@code demon.train.loss}, …), active with {@code demon.enabled=true} and a
 * {@link MeterRegistry} bean: a {@link TrainingMetrics} binder, which Spring Boot binds
 * to the registry and the training jobs feed; with a JobRepository, a
 * {@link SweepMetrics} binder over the {@link SweepSummary} beans (the application's
 * sweeps). Ordered after Boot's registry auto-configurations, as Boot's own
 * {@code DataSourcePoolMetricsAutoConfiguration} is, and after Spring Batch's.
 */
@AutoConfiguration(
        after = { BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class, MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class })
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class DemonMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TrainingMetrics trainingMetrics() {
        return new TrainingMetrics();
    }

    /**
     * The sweeps' meters: where a JobRepository records their trials.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(JobRepository.class)
    static class SweepMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SweepMetrics sweepMetrics(ObjectProvider<SweepSummary> sweeps, JobRepository jobRepository) {
            return new SweepMetrics(sweeps.orderedStream().toList(), jobRepository);
        }

    }

}
