package dev.demon.spring.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.MalformedModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.job.RunningExecution;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.SweepFolder;

/**
 * The life of a sweep's job execution, as a training job's listener keeps a training
 * job's: records the execution in {@link RunningExecutions} when it starts, so that its
 * trials find its lease and stop flag and the application's close stops it; when the job
 * has ended, whatever its status, writes the sweep's results ({@link SweepResultsWriter})
 * under its lease, as a run writes {@code report.json}, and ends the record. A new job
 * instance starts from empty trial folders: whatever is in them is from another
 * JobRepository, as are results and best models of a higher lease generation.
 */
public class SweepJobListener implements JobExecutionListener {

    private static final Logger logger = LoggerFactory.getLogger(SweepJobListener.class);

    private final SweepPlan plan;

    private final JobRepository jobRepository;

    private final SweepFolder folder;

    private final RunningExecutions executions;

    private final SweepResultsWriter results;

    /**
     * Creates the listener of a sweep's job.
     * @param plan the sweep
     * @param jobRepository tells whether an execution is its instance's first
     * @param folder the sweep's folder
     * @param executions what trains in this process
     * @param results writes the sweep's results when an execution ends
     */
    public SweepJobListener(SweepPlan plan, JobRepository jobRepository, SweepFolder folder,
            RunningExecutions executions, SweepResultsWriter results) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.folder = folder;
        this.executions = executions;
        this.results = results;
    }

    /**
     * Records the execution, proves its lease and clears the trial folders of a new job
     * instance, and its results and best models of another JobRepository.
     * @param jobExecution the execution that starts
     * @throws LeaseLostException when this process cannot prove its lease
     */
    @Override
    public void beforeJob(JobExecution jobExecution) {
        RunningExecution running = executions.start(jobExecution);
        running.lease().requireHeld();
        long instanceId = jobExecution.getJobInstance().getInstanceId();
        logger.info("Sweep {}: job instance {}, execution {}, {} trials of {} by {}", plan.name(), instanceId,
                jobExecution.getId(), plan.trials().size(), plan.declaration().name(), plan.objective());
        if (jobRepository.getJobExecutions(jobExecution.getJobInstance()).size() <= 1) {
            try {
                for (int trial = 1; trial <= plan.trials().size(); trial++) {
                    new CheckpointStore(folder.trial(instanceId, SweepPartitioner.key(trial)), running.lease()).clear();
                }
                List<Path> deleted = GenerationalName.deleteOfAnotherJobRepository(folder.outputs(), running.lease());
                if (!deleted.isEmpty()) {
                    logger.warn("Sweep {}: deleted {}, of lease generations above this new run's {}: they are from "
                            + "another JobRepository", plan.name(), deleted, running.lease().generation());
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot prepare the trial folders of sweep " + plan.name(), ex);
            }
        }
    }

    /**
     * After the job, whatever its status (COMPLETED, STOPPED or FAILED): writes the
     * sweep's results with that status, only under a lease this process still proves;
     * with the lease lost it writes nothing and ends the execution FAILED. A COMPLETED
     * sweep whose results cannot be written ends FAILED, so that running it again writes
     * them (its trials, all complete, are not trained again). Then it ends the
     * execution's record, which wakes whoever waits for its end.
     * @param jobExecution the execution that ended
     */
    @Override
    public void afterJob(JobExecution jobExecution) {
        logger.info("Sweep {}: execution {} ended {}", plan.name(), jobExecution.getId(), jobExecution.getStatus());
        RunningExecution running = executions.of(jobExecution);
        try {
            running.lease().requireHeld();
            results.write(jobExecution, running.lease());
        }
        catch (LeaseLostException ex) {
            logger.error("Sweep {} execution {} ends FAILED without its results: {}", plan.name(), jobExecution.getId(),
                    ex.getMessage());
            // As a training job's listener does: Spring Batch stores the execution after
            // its listeners.
            jobExecution.setStatus(BatchStatus.FAILED);
            jobExecution.setExitStatus(ExitStatus.FAILED.addExitDescription(ex.getMessage()));
        }
        catch (IOException | MalformedModelException | RuntimeException ex) {
            logger.error("Sweep {}: cannot write its results in {}", plan.name(), folder.folder(), ex);
            if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
                jobExecution.setStatus(BatchStatus.FAILED);
                jobExecution.setExitStatus(ExitStatus.FAILED
                    .addExitDescription("Cannot write the results of sweep " + plan.name() + ": " + ex.getMessage()));
            }
        }
        finally {
            executions.end(jobExecution);
        }
    }

}
