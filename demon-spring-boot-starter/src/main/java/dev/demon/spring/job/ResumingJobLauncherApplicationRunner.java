package dev.demon.spring.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.batch.autoconfigure.JobExecutionEvent;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Spring Boot's start-up job launcher, made to resume: running the application again continues
 * the job where it stopped instead of starting over.
 *
 * <ul>
 *   <li>When the job's last execution is still STARTED or STOPPING, the process that ran it died
 *       (kill -9, power loss): it is marked FAILED with {@link JobOperator#recover(JobExecution)},
 *       which makes it restartable, and its execution context keeps recover()'s
 *       {@code batch.recovered} marker (see {@link WallTime}).
 *   <li>When the last execution is FAILED or STOPPED, it is restarted with
 *       {@link JobOperator#restart(JobExecution)}: Spring Batch skips the COMPLETED epoch steps and
 *       the first step to run restores the model and optimizer from the latest checkpoint.
 *   <li>Otherwise (no execution, or the last one COMPLETED or ABANDONED) a new job instance is
 *       started, which trains from scratch.
 * </ul>
 *
 * <p>It assumes that one process at a time trains a given pipeline against a JobRepository: a
 * STARTED execution is taken for one whose process is gone. Like its parent it publishes a
 * {@link JobExecutionEvent}, so the exit code is non-zero unless the job COMPLETED.
 */
public class ResumingJobLauncherApplicationRunner extends JobLauncherApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(ResumingJobLauncherApplicationRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private ApplicationEventPublisher publisher;

    /**
     * Creates the runner.
     *
     * @param jobOperator launches, recovers and restarts jobs
     * @param jobRepository tells the last execution of a job
     */
    public ResumingJobLauncherApplicationRunner(JobOperator jobOperator, JobRepository jobRepository) {
        super(jobOperator);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        super.setApplicationEventPublisher(publisher);
        this.publisher = publisher;
    }

    @Override
    protected void execute(Job job, JobParameters jobParameters) throws JobExecutionAlreadyRunningException,
            JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
        JobExecution last = lastExecution(job.getName());
        if (last != null && last.isRunning()) {
            logger.warn("Job {} execution {} is still marked {} in the JobRepository, but the process that ran it is "
                    + "gone; marking it FAILED so that it can resume", job.getName(), last.getId(), last.getStatus());
            // A restart copies the last execution's context into the new one, so a running execution can carry
            // the marker of the execution recovered before it; recover() would take it as done and leave it STARTED.
            last.getExecutionContext().remove(WallTime.RECOVERED);
            last = jobOperator.recover(last);
            // recover() updates the execution but not its context: store the marker, which tells its wall time.
            jobRepository.updateExecutionContext(last);
        }
        if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
            logger.info("Resuming job {} (instance {}, execution {} ended {})", job.getName(),
                    last.getJobInstance().getInstanceId(), last.getId(), last.getStatus());
            if (!jobParameters.isEmpty()) {
                logger.warn("Job {} resumes with its original parameters {}; ignoring {}", job.getName(),
                        last.getJobParameters(), jobParameters);
            }
            JobExecution execution = jobOperator.restart(last);
            if (publisher != null) {
                publisher.publishEvent(new JobExecutionEvent(execution));
            }
            return;
        }
        super.execute(job, jobParameters);
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        return instance != null ? jobRepository.getLastJobExecution(instance) : null;
    }
}
