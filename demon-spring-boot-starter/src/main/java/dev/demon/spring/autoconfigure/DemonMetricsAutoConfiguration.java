package dev.demon.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.demon.spring.metrics.TrainingMetrics;

/**
 * Auto-configuration of the training meters ({@code demon.momentum},
 * {@code demon.train.loss}, …), active with {@code demon.enabled=true} and a
 * {@link MeterRegistry} bean: a {@link TrainingMetrics} binder, which Spring Boot binds
 * to the registry and the training jobs feed. Ordered after Boot's registry
 * auto-configurations, as Boot's own {@code DataSourcePoolMetricsAutoConfiguration} is.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class })
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class DemonMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TrainingMetrics trainingMetrics() {
        return new TrainingMetrics();
    }

}
