package dev.demon.benchmarks.comparison;

import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.spring.lease.JobLeases;

/**
 * The two benchmark jobs, each a partitioned step (one partition per {@link Cell},
 * trained as its {@link CellDistribution} says: by default on up to
 * {@code comparison.concurrency} local threads) followed by a report step:
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
 * again from scratch. With the profile {@code manager} the same partitions go to worker
 * processes on any number of machines instead ({@link ManagerConfiguration},
 * {@link WorkerConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class ComparisonJobs {

    /** Name of the comparison job. */
    public static final String COMPARISON = "demon-comparison";

    /** Name of the sensitivity job. */
    public static final String SENSITIVITY = "demon-sensitivity";

    // A cell touches no transactional resource; the JobRepository keeps its own
    // transactions.
    private static final PlatformTransactionManager NO_TRANSACTIONS = new ResourcelessTransactionManager();

    @Bean
    FashionMnistData fashionMnistData(ComparisonProperties properties) {
        return new FashionMnistData(new FashionMnistDatasets(
                new FashionMnistProperties(null, properties.trainingSamples(), properties.validationSamples())));
    }

    @Bean
    CellTraining cellTraining(FashionMnistData data, ComparisonProperties properties) {
        return new CellTraining(data, properties.batchSize(), properties.weightDecay());
    }

    @Bean
    @Profile("!" + ManagerConfiguration.PROFILE)
    LocalThreads localThreads(JobRepository jobRepository, ComparisonProperties properties) {
        return new LocalThreads(jobRepository, properties.concurrency());
    }

    @Bean
    CellTasklet cellTasklet(CellTraining training, JobRepository jobRepository, ObjectProvider<JobLeases> leases) {
        return new CellTasklet(training, jobRepository, leases.getIfAvailable(JobLeases::none));
    }

    @Bean
    Job comparisonJob(JobRepository jobRepository, CellDistribution cells, CellTasklet tasklet,
            ComparisonProperties properties) {
        return partitionedJob(COMPARISON, "comparison", Grids.comparison(properties), jobRepository, cells, tasklet,
                properties);
    }

    @Bean
    Job sensitivityJob(JobRepository jobRepository, CellDistribution cells, CellTasklet tasklet,
            ComparisonProperties properties) {
        return partitionedJob(SENSITIVITY, "sensitivity", Grids.sensitivity(properties), jobRepository, cells, tasklet,
                properties);
    }

    /**
     * The step that trains one cell of a job, named {@code comparison-cell} or
     * {@code sensitivity-cell}: run by the job's partitioned step on local threads, or by
     * a worker process ({@link WorkerConfiguration}), which finds it by that name.
     * @param builder a builder named for the step
     * @param tasklet trains the cell
     * @return the step
     */
    static Step cellStep(StepBuilder builder, CellTasklet tasklet) {
        return builder.tasklet(tasklet, NO_TRANSACTIONS).build();
    }

    private Job partitionedJob(String jobName, String name, List<Cell> cells, JobRepository jobRepository,
            CellDistribution distribution, CellTasklet tasklet, ComparisonProperties properties) {
        Step cellStep = cellStep(new StepBuilder(name + "-cell", jobRepository), tasklet);
        Step cellsStep = distribution.cellsStep(name + "-cells", cellStep, new CellPartitioner(cells), cells.size());
        Step report = new StepBuilder(name + "-report", jobRepository)
            .tasklet(new ReportTasklet(jobRepository, properties, name, cellStep.getName()), NO_TRANSACTIONS)
            .allowStartIfComplete(true)
            .build();
        return new JobBuilder(jobName, jobRepository).incrementer(new RunIdIncrementer())
            .start(cellsStep)
            .next(report)
            .build();
    }

}
