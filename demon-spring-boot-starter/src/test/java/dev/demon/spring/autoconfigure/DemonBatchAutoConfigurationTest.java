package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.SimpleJob;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.demon.spring.job.ResumingJobLauncherApplicationRunner;
import dev.demon.spring.job.TrainingJobFactory;
import dev.demon.spring.testing.SyntheticPipeline;

/** The training jobs and their launcher, on Spring Batch's in-memory job repository. */
class DemonBatchAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonBatchAutoConfiguration.class,
                    BatchAutoConfiguration.class, BatchJobLauncherAutoConfiguration.class))
            .withUserConfiguration(SyntheticPipeline.class);

    @Test
    void withoutDemonEnabledThePipelineGetsNoJobAndBootKeepsItsLauncher() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Job.class).doesNotHaveBean(TrainingJobFactory.class);
            assertThat(context.getBean(JobLauncherApplicationRunner.class))
                    .isNotInstanceOf(ResumingJobLauncherApplicationRunner.class);
        });
    }

    @Test
    void eachPipelineBecomesAJobNamedAfterItWithOneStepPerEpoch() {
        runner.withPropertyValues("demon.enabled=true").run(context -> {
            Job job = context.getBean("synthetic-job", Job.class);
            assertThat(job.getName()).isEqualTo("synthetic");
            assertThat(((SimpleJob) job).getStepNames()).containsExactly("synthetic-epoch-1", "synthetic-epoch-2");
        });
    }

    @Test
    void demonEpochsOverridesThePipelinesEpochs() {
        runner.withPropertyValues("demon.enabled=true", "demon.epochs=4").run(context -> assertThat(
                ((SimpleJob) context.getBean("synthetic-job", Job.class)).getStepNames()).containsExactly(
                        "synthetic-epoch-1", "synthetic-epoch-2", "synthetic-epoch-3", "synthetic-epoch-4"));
    }

    @Test
    void resumingLauncherReplacesBootsAndHonoursTheJobName() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.name=synthetic").run(context -> {
            assertThat(context).hasSingleBean(JobLauncherApplicationRunner.class);
            assertThat(context.getBean(JobLauncherApplicationRunner.class))
                    .isInstanceOf(ResumingJobLauncherApplicationRunner.class);
        });
    }

    @Test
    void noLauncherWhenBatchJobsAreSwitchedOff() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(JobLauncherApplicationRunner.class)
                        .hasBean("synthetic-job"));
    }

    @Test
    void unknownJobNameStopsStartUp() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.name=fashion-mnist-gan")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("No job found with name 'fashion-mnist-gan'"));
    }
}
