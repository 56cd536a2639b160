package dev.demon.spring.sweep;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.job.RunningExecution;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.workspace.SweepFolder;

/**
 * The life of a sweep's job execution, as a training job's listener keeps a training
 * job's: records the execution in {@link RunningExecutions} when it starts, so that its
 * trials find its lease and stop flag and the application's close stops it, and ends the
 * record when the job has ended. A new job instance starts from empty trial folders:
 * whatever is in them is from another JobRepository.
 */
public class SweepJobListener implements JobExecutionListener {

    private static final Logger logger = LoggerFactory.getLogger(SweepJobListener.class);

    private final SweepPlan plan;

    private final JobRepository jobRepository;

    private final SweepFolder folder;

    private final RunningExecutions executions;

    /**
     * Creates the listener of a sweep's job.
     * @param plan the sweep
     * @param jobRepository tells whether an execution is its instance's first
     * @param folder the sweep's folder
     * @param executions what trains in this process
     */
    public SweepJobListener(SweepPlan plan, JobRepository jobRepository, SweepFolder folder,
            RunningExecutions executions) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.folder = folder;
        this.executions = executions;
    }

    /**
     * Records the execution, proves its lease and clears the trial folders of a new job
     * instance.
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
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot prepare the trial folders of sweep " + plan.name(), ex);
            }
        }
    }

    /**
     * Ends the execution's record, which wakes whoever waits for its end.
     * @param jobExecution the execution that ended
     */
    @Override
    public void afterJob(JobExecution jobExecution) {
        logger.info("Sweep {}: execution {} ended {}", plan.name(), jobExecution.getId(), jobExecution.getStatus());
        executions.end(jobExecution);
    }

}
