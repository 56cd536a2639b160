package dev.demon.benchmarks.comparison;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;

/**
 * The worker step of a partition: trains the partition's cell and stores its result
 * beside it in the step's execution context, which the JobRepository keeps: a finished
 * cell is never trained again when the job restarts.
 *
 * <p>
 * The same holds when the partition reaches a worker twice (a JMS request delivered
 * again, or sent again by a restarted manager while a worker still trains it): the
 * training holds the partition's lease ({@link JobLeases}, keyed by job instance and
 * partition), so a second process waits for the first to finish or die, and then reuses
 * the result it stored ({@link CellResults#earlier}) instead of training again. A holder
 * killed mid-cell loses its lease at once on the same host, after the lease's time to
 * live elsewhere, and the cell is trained again from scratch.
 *
 * <p>
 * Neither Spring Batch nor Spring Integration keeps a partition from being worked on by
 * two workers at once: Spring Batch Integration's {@code StepExecutionRequestHandler}
 * executes whatever request arrives, and an idempotent receiver would drop the request
 * again after its first worker died. The lease is the starter's public {@link JobLeases}
 * bean (package {@code dev.demon.spring.lease}), the one its jobs hold, leased here under
 * the partition's name.
 */
public class CellTasklet implements Tasklet {

    /** Where the result says which process trained it: {@link LeaseHolder#clientId()}. */
    public static final String TRAINED_BY = "trained-by";

    private static final Logger logger = LoggerFactory.getLogger(CellTasklet.class);

    /** How often a partition whose lease another process holds is tried again. */
    private static final Duration LEASE_RETRY = Duration.ofSeconds(1);

    private final CellTraining training;

    private final JobRepository jobRepository;

    private final JobLeases leases;

    /**
     * @param training trains a cell
     * @param jobRepository where the partitions and their results are
     * @param leases the leases of the JobRepository's database
     */
    public CellTasklet(CellTraining training, JobRepository jobRepository, JobLeases leases) {
        this.training = training;
        this.jobRepository = jobRepository;
        this.leases = leases;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution partition = contribution.getStepExecution();
        ExecutionContext context = partition.getExecutionContext();
        Cell cell = Cell.readFrom(context);
        try (Lease lease = leaseOf(partition)) {
            Optional<CellResult> earlier = CellResults.earlier(this.jobRepository, partition);
            if (earlier.isPresent()) {
                earlier.get().writeTo(context);
                logger.info("{} {}: already trained, not trained again", partition.getStepName(), cell.key());
                return RepeatStatus.FINISHED;
            }
            logger.info("{} {}: training", partition.getStepName(), cell.key());
            CellResult result = this.training.train(cell);
            result.writeTo(context);
            context.putString(TRAINED_BY, LeaseHolder.current().clientId());
            // Stored while the lease is held: whoever takes the lease next finds the
            // result.
            this.jobRepository.updateExecutionContext(partition);
            logger.info("{} {}: test error {} ({} s{})", partition.getStepName(), cell.key(),
                    String.format("%.4f", result.testError()), String.format("%.1f", result.seconds()),
                    result.diverged() ? ", diverged" : "");
        }
        return RepeatStatus.FINISHED;
    }

    /** Waits while another live process holds the partition's lease. */
    private Lease leaseOf(StepExecution partition) throws InterruptedException {
        String key = partition.getJobExecution().getJobInstance().getJobName() + "#"
                + partition.getJobExecution().getJobInstance().getInstanceId() + "/" + partition.getStepName();
        boolean told = false;
        while (true) {
            try {
                return this.leases.acquire(key);
            }
            catch (LeaseHeldException held) {
                if (!told) {
                    logger.info("{}: {} trains it; waiting for it to finish or for its lease to expire", key,
                            held.getHolder().clientId());
                    told = true;
                }
                Thread.sleep(LEASE_RETRY.toMillis());
            }
        }
    }

}
