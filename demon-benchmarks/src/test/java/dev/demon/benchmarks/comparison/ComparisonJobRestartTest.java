package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The comparison job resumes like any Spring Batch job: after a partition fails, a
 * restart trains only the cells that did not finish, and the report counts the cells of
 * both executions; a cell's request delivered again after it finished (as a broker does
 * when a worker dies before acknowledging it) keeps its result and trains nothing. Two
 * MLP cells on 256 images, one epoch each.
 */
@SpringBootTest(classes = { ComparisonApplication.class, ComparisonJobRestartTest.FailingOnce.class },
        properties = { "spring.config.name=comparison", "spring.batch.job.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:comparison-restart;DB_CLOSE_DELAY=-1", "comparison.models=mlp",
                "comparison.optimizers=sgdm", "comparison.budgets=short", "comparison.short-epochs=1",
                "comparison.methods=demon,constant", "comparison.seeds=1", "comparison.training-samples=256",
                "comparison.validation-samples=128", "comparison.batch-size=64" })
class ComparisonJobRestartTest {

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void reportFolder(DynamicPropertyRegistry registry) {
        registry.add("comparison.output-dir", () -> folder.resolve("report").toString());
    }

    /**
     * Trains for real, but the first attempt at the constant-momentum cell fails like a
     * crash would.
     */
    @TestConfiguration
    static class FailingOnce {

        @Bean
        @Primary
        CountingTraining countingTraining(FashionMnistData data) {
            return new CountingTraining(data);
        }

    }

    static class CountingTraining extends CellTraining {

        final Map<Method, Integer> attempts = new ConcurrentHashMap<>();

        CountingTraining(FashionMnistData data) {
            super(data, 64, 0f);
        }

        @Override
        public CellResult train(Cell cell) {
            int attempt = attempts.merge(cell.method(), 1, Integer::sum);
            if (cell.method() == Method.CONSTANT && attempt == 1) {
                throw new IllegalStateException("simulated crash of " + cell.key());
            }
            return super.train(cell);
        }

    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("comparisonJob")
    Job comparisonJob;

    @Autowired
    CountingTraining training;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    CellTasklet cellTasklet;

    @Test
    void restartTrainsOnlyTheCellsThatDidNotFinish() throws Exception {
        // A new instance, whichever test ran before: the constant cell's first attempt
        // fails.
        training.attempts.clear();
        JobExecution first = jobOperator.startNextInstance(comparisonJob);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);

        JobExecution second = jobOperator.restart(first);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(training.attempts).containsEntry(Method.DEMON, 1).containsEntry(Method.CONSTANT, 2);
        assertThat(Files.readAllLines(folder.resolve("report/comparison-cells.csv"))).hasSize(3)
            .anySatisfy(line -> assertThat(line).startsWith("mlp-sgdm-short,mlp,sgdm,short,1,demon,1,"))
            .anySatisfy(line -> assertThat(line).startsWith("mlp-sgdm-short,mlp,sgdm,short,1,constant,1,"));
    }

    @Test
    void aRequestDeliveredAgainAfterItsCellFinishedDoesNotTrainItAgain() throws Exception {
        JobExecution started = jobOperator.startNextInstance(comparisonJob);
        // The constant cell's first attempt fails, whichever test runs first.
        JobExecution run = (started.getStatus() == BatchStatus.FAILED) ? jobOperator.restart(started) : started;
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution demonCell = CellResults.collect(jobRepository, run, "comparison-cell")
            .stream()
            .filter(finished -> finished.cell().method() == Method.DEMON)
            .findFirst()
            .map(finished -> stepExecutionOf(run, finished.cell()))
            .orElseThrow();
        CellResult result = CellResult.readFrom(demonCell.getExecutionContext());
        int attempts = training.attempts.get(Method.DEMON);

        // What a worker does with a request the broker delivers again.
        StepExecutionRequestHandler worker = new StepExecutionRequestHandler();
        worker.setJobRepository(jobRepository);
        worker.setStepLocator(name -> ComparisonJobs.cellStep(new StepBuilder(name, jobRepository), cellTasklet));
        StepExecution again = worker.handle(new StepExecutionRequest("comparison-cell", demonCell.getId()));

        assertThat(training.attempts.get(Method.DEMON)).isEqualTo(attempts);
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CellResult.readFrom(jobRepository.getStepExecution(demonCell.getId()).getExecutionContext()))
            .isEqualTo(result);
    }

    private StepExecution stepExecutionOf(JobExecution run, Cell cell) {
        for (JobExecution execution : jobRepository.getJobExecutions(run.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                StepExecution hydrated = jobRepository.getStepExecution(step.getId());
                if (step.getStepName().startsWith("comparison-cell:") && step.getStatus() == BatchStatus.COMPLETED
                        && cell.equals(Cell.readFrom(hydrated.getExecutionContext()))) {
                    return hydrated;
                }
            }
        }
        throw new IllegalStateException("no completed partition of " + cell.key());
    }

}
