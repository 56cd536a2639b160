package dev.demon.benchmarks.comparison;

import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.demon.demo.data.FashionMnistDatasets;
import dev.demon.demo.data.FashionMnistProperties;
import dev.demon.demo.pipeline.FashionMnistMlp;

/**
 * The two benchmark jobs, each a partitioned step (one partition per {@link Cell},
 * trained on up to {@code comparison.concurrency} local threads) followed by a report
 * step:
 *
 * <ul>
 * <li>{@value #COMPARISON}: {@link Grids#comparison} — the paper's comparison;
 * <li>{@value #SENSITIVITY}: {@link Grids#sensitivity} — the learning rate × β_init grid.
 * </ul>
 *
 * <p>
 * They are ordinary Spring Batch jobs in the JobRepository the starter configures (an H2
 * file database in {@code demon.checkpoint.dir}), started by the starter's launcher,
 * which resumes a failed or crashed run: completed partitions are kept, the others train
 * again from scratch. Another {@code PartitionHandler} (remote partitioning) would spread
 * the same partitions over several machines.
 */
@Configuration(proxyBeanMethods = false)
public class ComparisonJobs {

    /** Name of the comparison job. */
    public static final String COMPARISON = "demon-comparison";

    /** Name of the sensitivity job. */
    public static final String SENSITIVITY = "demon-sensitivity";

    // A cell touches no transactional resource; the JobRepository keeps its own
    // transactions.
    private final PlatformTransactionManager noTransactions = new ResourcelessTransactionManager();

    @Bean
    FashionMnistData fashionMnistData(ComparisonProperties properties) {
        // Not a bean: a pipeline bean would become a training job. Its datasets are the
        // CNN's too.
        return new FashionMnistData(new FashionMnistMlp(new FashionMnistDatasets(
                new FashionMnistProperties(null, properties.trainingSamples(), properties.validationSamples()))));
    }

    @Bean
    CellTraining cellTraining(FashionMnistData data, ComparisonProperties properties) {
        return new CellTraining(data, properties.batchSize(), properties.weightDecay());
    }

    @Bean
    Job comparisonJob(JobRepository jobRepository, CellTraining training, ComparisonProperties properties) {
        return partitionedJob(COMPARISON, "comparison", Grids.comparison(properties), jobRepository, training,
                properties);
    }

    @Bean
    Job sensitivityJob(JobRepository jobRepository, CellTraining training, ComparisonProperties properties) {
        return partitionedJob(SENSITIVITY, "sensitivity", Grids.sensitivity(properties), jobRepository, training,
                properties);
    }

    private Job partitionedJob(String jobName, String name, List<Cell> cells, JobRepository jobRepository,
            CellTraining training, ComparisonProperties properties) {
        String workerName = name + "-cell";
        Step worker = new StepBuilder(workerName, jobRepository).tasklet(new CellTasklet(training), noTransactions)
            .build();
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
        threads.setConcurrencyLimit(properties.concurrency());
        Step cellsStep = new StepBuilder(name + "-cells", jobRepository)
            .partitioner(workerName, new CellPartitioner(cells))
            .step(worker)
            .gridSize(cells.size())
            .taskExecutor(threads)
            .build();
        Step report = new StepBuilder(name + "-report", jobRepository)
            .tasklet(new ReportTasklet(jobRepository, properties, name, workerName), noTransactions)
            .allowStartIfComplete(true)
            .build();
        return new JobBuilder(jobName, jobRepository).incrementer(new RunIdIncrementer())
            .start(cellsStep)
            .next(report)
            .build();
    }

}
