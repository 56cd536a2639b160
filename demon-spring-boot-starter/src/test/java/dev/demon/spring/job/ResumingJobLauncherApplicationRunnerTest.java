package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.demon.spring.testing.KilledProcess;

/**
 * The resuming launcher on a JDBC job repository (in-memory H2), with a two-step job whose second
 * step fails while {@code failing} is set. A kill -9 is played by putting the failed execution and
 * step back to STARTED with no end, as a dead process leaves them.
 */
class ResumingJobLauncherApplicationRunnerTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, BatchJdbcAutoConfiguration.class,
                    BatchAutoConfiguration.class))
            .withPropertyValues("spring.datasource.generate-unique-name=true",
                    "spring.batch.jdbc.initialize-schema=always")
            .withUserConfiguration(TwoStepJob.class);

    @Test
    void recoveredExecutionKeepsTheRecoveryMarkerInTheRepository() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            List<JobExecution> executions = executions(context);
            assertThat(executions).extracting(JobExecution::getStatus)
                    .containsExactly(BatchStatus.FAILED, BatchStatus.COMPLETED);
            assertThat(WallTime.recovered(executions.get(0))).isTrue();
        });
    }

    @Test
    void executionThatInheritedTheMarkerIsRecoveredWhenItsProcessDiesToo() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            // The restart copies execution 1's context, marker included, into execution 2, killed in its turn.
            launch(context);
            killLastExecution(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            assertThat(executions(context)).extracting(JobExecution::getStatus)
                    .containsExactly(BatchStatus.FAILED, BatchStatus.FAILED, BatchStatus.COMPLETED);
        });
    }

    private static void startAndKillInStepTwo(AssertableApplicationContext context) throws Exception {
        launch(context);
        killLastExecution(context);
    }

    private static void launch(AssertableApplicationContext context) throws Exception {
        ResumingJobLauncherApplicationRunner runner = new ResumingJobLauncherApplicationRunner(
                context.getBean(JobOperator.class), context.getBean(JobRepository.class));
        runner.setJobs(List.of(context.getBean(Job.class)));
        runner.run();
    }

    private static void killLastExecution(AssertableApplicationContext context) {
        KilledProcess.leaveLastExecutionRunning(context.getBean(JobRepository.class), TwoStepJob.NAME);
    }

    /** The executions of the job's only instance, oldest first. */
    private static List<JobExecution> executions(AssertableApplicationContext context) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        assertThat(jobRepository.getJobInstances(TwoStepJob.NAME, 0, 10)).hasSize(1);
        return jobRepository.getJobExecutions(jobRepository.getLastJobInstance(TwoStepJob.NAME)).stream()
                .sorted((a, b) -> Long.compare(a.getId(), b.getId())).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoStepJob {

        static final String NAME = "two-steps";

        @Bean
        AtomicBoolean failing() {
            return new AtomicBoolean(true);
        }

        @Bean
        Job twoSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, AtomicBoolean failing) {
            return new JobBuilder(NAME, jobRepository).incrementer(new RunIdIncrementer())
                    .start(new StepBuilder("one", jobRepository)
                            .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactionManager).build())
                    .next(new StepBuilder("two", jobRepository).tasklet((contribution, chunk) -> {
                        if (failing.get()) {
                            throw new IllegalStateException("step two fails");
                        }
                        return RepeatStatus.FINISHED;
                    }, transactionManager).build())
                    .build();
        }
    }
}
