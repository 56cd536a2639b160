package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.demon.spring.metrics.SweepMetrics;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.testing.SyntheticPipeline;

/**
 * The training meters: a {@link TrainingMetrics} binder with {@code demon.enabled=true}
 * and a MeterRegistry bean.
 */
class DemonMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonMetricsAutoConfiguration.class));

    @Test
    void noTrainingMetricsWithoutDemonEnabled() {
        runner.withUserConfiguration(OwnMeterRegistry.class)
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TrainingMetrics.class));
    }

    @Test
    void noTrainingMetricsWithoutAMeterRegistry() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TrainingMetrics.class));
    }

    @Test
    void userSimpleMeterRegistryGetsTrainingMetrics() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnMeterRegistry.class)
            .run(context -> assertThat(context).hasSingleBean(TrainingMetrics.class));
    }

    @Test
    void bootsOwnRegistryGetsTrainingMetricsBoundToIt() {
        runner.withPropertyValues("demon.enabled=true")
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .run(context -> {
                assertThat(context).hasSingleBean(TrainingMetrics.class);
                context.getBean(TrainingMetrics.class).forPipeline("mlp", "sgdm", "demon");
                assertThat(context.getBean(MeterRegistry.class)
                    .get("demon.train.updates")
                    .tag("pipeline", "mlp")
                    .counter()
                    .count()).isZero();
            });
    }

    @Test
    void userTrainingMetricsReplaceTheAutoConfiguredOnes() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(OwnTrainingMetrics.class).run(context -> {
            assertThat(context).hasSingleBean(TrainingMetrics.class).doesNotHaveBean("trainingMetrics");
            assertThat(context.getBean(TrainingMetrics.class)).isSameAs(context.getBean("ownTrainingMetrics"));
        });
    }

    @Test
    void trainingJobsFeedTheUsersTrainingMetrics(@TempDir Path folder) {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + folder)
            .withSystemProperties("ai.djl.offline=true")
            .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonBatchAutoConfiguration.class,
                    BatchAutoConfiguration.class))
            .withUserConfiguration(SyntheticPipeline.class, OwnTrainingMetrics.class)
            .run(context -> {
                assertThat(context.getBean(JobOperator.class)
                    .start(context.getBean("synthetic-job", Job.class), new JobParameters())
                    .getStatus()).isEqualTo(BatchStatus.COMPLETED);
                // Only the user's binder is bound to this registry: 2 epochs of 6 updates
                // went through it.
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("demon.train.updates").tag("pipeline", "synthetic").counter().count())
                    .isEqualTo(2.0 * SyntheticPipeline.BATCHES_PER_EPOCH);
            });
    }

    @Test
    void aJobRepositoryGetsTheSweepsTrialsGauges(@TempDir Path workspace) throws Exception {
        JobRepository jobRepository = new RecordedSweep(workspace).repository();
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnMeterRegistry.class)
            .withBean(JobRepository.class, () -> jobRepository)
            .withBean(SweepSummary.class, () -> RecordedSweep.summary(ModelMonitor.VALIDATION_LOSS))
            .run(context -> {
                assertThat(context).hasSingleBean(SweepMetrics.class);
                context.getBean(SweepMetrics.class).bindTo(context.getBean(MeterRegistry.class));
                assertThat(context.getBean(MeterRegistry.class)
                    .get(SweepMetrics.TRIALS)
                    .tag("sweep", RecordedSweep.SWEEP)
                    .gauges()).hasSize(SweepMetrics.statuses().size());
            });
    }

    @Test
    void noSweepMetricsWithoutAJobRepository() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnMeterRegistry.class)
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SweepMetrics.class));
    }

    @Test
    void userSweepMetricsReplaceTheAutoConfiguredOnes(@TempDir Path workspace) throws Exception {
        JobRepository jobRepository = new RecordedSweep(workspace).repository();
        SweepMetrics own = new SweepMetrics(List.of(), jobRepository);
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnMeterRegistry.class)
            .withBean(JobRepository.class, () -> jobRepository)
            .withBean("ownSweepMetrics", SweepMetrics.class, () -> own)
            .run(context -> assertThat(context.getBean(SweepMetrics.class)).isSameAs(own));
    }

    @Test
    void withoutMicrometerOnTheClassPathNoTrainingMetrics() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnMeterRegistry.class)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TrainingMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMeterRegistry {

        @Bean
        SimpleMeterRegistry ownMeterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

    /**
     * The application's own registry and training meters, which it binds itself: without
     * Spring Boot's metrics auto-configuration, nothing else binds a MeterBinder to a
     * registry.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnTrainingMetrics {

        @Bean
        SimpleMeterRegistry ownMeterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        TrainingMetrics ownTrainingMetrics(SimpleMeterRegistry registry) {
            TrainingMetrics metrics = new TrainingMetrics();
            metrics.bindTo(registry);
            return metrics;
        }

    }

}
