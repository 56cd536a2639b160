package dev.demon.spring.job;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.batch.autoconfigure.JobExecutionEvent;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.StringUtils;

import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.report.TrainingConfiguration;

/**
 * Spring Boot's start-up job launcher, made to resume: running the application again
 * continues the job where it stopped instead of starting over, provided that it runs with
 * the configuration the unfinished run was started with.
 *
 * <ul>
 * <li>When the job's last execution is unfinished (FAILED, STOPPED, or still STARTED or
 * STOPPING because the process that ran it died: kill -9, power loss) and the job is a
 * training job or a sweep, what happens depends on {@code demon.unfinished-run}:
 * <ul>
 * <li>{@link UnfinishedRun#RESUME}: the configuration the run recorded in its job
 * parameters (see {@link RecordingIncrementer}: a training job's configuration, a sweep's
 * definition) is compared with this start's. Any difference refuses the start with a
 * {@link ConfigurationChangedException}, before anything changes in the JobRepository. A
 * run that recorded none, started before configurations were recorded, resumes with a
 * warning.
 * <li>{@link UnfinishedRun#ABANDON}: the run is marked ABANDONED with
 * {@link JobOperator#abandon(JobExecution)} and a new job instance starts.
 * </ul>
 * <li>A dead execution that is to resume is marked FAILED with
 * {@link JobOperator#recover(JobExecution)}, which makes it restartable, and its
 * execution context keeps recover()'s {@code batch.recovered} marker (see
 * {@link WallTime}).
 * <li>A FAILED or STOPPED execution is restarted with
 * {@link JobOperator#restart(JobExecution)}: Spring Batch skips the COMPLETED epoch steps
 * and the first step to run restores the model and optimizer from the latest checkpoint.
 * <li>Otherwise (no execution, or the last one COMPLETED or ABANDONED) a new job instance
 * is started, which trains from scratch, whatever its configuration.
 * </ul>
 *
 * <p>
 * Jobs that record nothing (neither training jobs nor sweeps) have no configuration:
 * their unfinished runs always resume.
 *
 * <p>
 * Before it looks at the last execution, it takes the job's lease ({@link JobLeases}) and
 * holds it until the job ends: a STARTED execution is taken for one whose process is gone
 * only once its lease is this process's. While another live process holds the lease, the
 * start fails with a {@link LeaseHeldException} and nothing changes in the JobRepository.
 * Like its parent it publishes a {@link JobExecutionEvent}, so the exit code is non-zero
 * unless the job COMPLETED.
 */
public class ResumingJobLauncherApplicationRunner extends JobLauncherApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(ResumingJobLauncherApplicationRunner.class);

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final Function<Job, Optional<Map<String, String>>> configurations;

    private final UnfinishedRun unfinishedRun;

    private final JobLeases leases;

    private final RunningExecutions executions;

    private ApplicationEventPublisher publisher;

    private Collection<Job> jobs = List.of();

    private JobRegistry jobRegistry;

    private String jobName;

    /**
     * Creates the runner for a JobRepository that no other process uses: without leases.
     * @param jobOperator launches, recovers, abandons and restarts jobs
     * @param jobRepository tells the last execution of a job
     * @param configurations the configuration a new run of a training job starts with;
     * empty for any other job
     * @param unfinishedRun {@code demon.unfinished-run}: what to do with a training job's
     * unfinished run
     */
    public ResumingJobLauncherApplicationRunner(JobOperator jobOperator, JobRepository jobRepository,
            Function<Job, Optional<TrainingConfiguration>> configurations, UnfinishedRun unfinishedRun) {
        this(jobOperator, jobRepository, configurations, unfinishedRun, JobLeases.none(),
                new RunningExecutions(jobRepository));
    }

    /**
     * Creates the runner of the training jobs, which records their launches and leases in
     * {@code executions}; a job's configuration is what its {@link RecordingIncrementer}
     * records.
     * @param jobOperator launches, recovers, abandons and restarts jobs
     * @param jobRepository tells the last execution of a job
     * @param unfinishedRun {@code demon.unfinished-run}: what to do with a training job's
     * unfinished run
     * @param leases the leases of the jobs in the JobRepository's database
     * @param executions what trains in this process
     */
    public ResumingJobLauncherApplicationRunner(JobOperator jobOperator, JobRepository jobRepository,
            UnfinishedRun unfinishedRun, JobLeases leases, RunningExecutions executions) {
        super(jobOperator);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.configurations = RecordingIncrementer::recordedBy;
        this.unfinishedRun = unfinishedRun;
        this.leases = leases;
        this.executions = executions;
    }

    /**
     * Creates the runner.
     * @param jobOperator launches, recovers, abandons and restarts jobs
     * @param jobRepository tells the last execution of a job
     * @param configurations the configuration a new run of a training job starts with;
     * empty for any other job
     * @param unfinishedRun {@code demon.unfinished-run}: what to do with a training job's
     * unfinished run
     * @param leases the leases of the jobs in the JobRepository's database
     * @param executions what trains in this process, where each launch records its lease
     */
    public ResumingJobLauncherApplicationRunner(JobOperator jobOperator, JobRepository jobRepository,
            Function<Job, Optional<TrainingConfiguration>> configurations, UnfinishedRun unfinishedRun,
            JobLeases leases, RunningExecutions executions) {
        super(jobOperator);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.configurations = job -> configurations.apply(job).map(TrainingConfiguration::byProperty);
        this.unfinishedRun = unfinishedRun;
        this.leases = leases;
        this.executions = executions;
    }

    /**
     * Takes the jobs to choose from; autowired, as in Spring Boot's runner.
     * @param jobs the application's jobs
     */
    @Override
    @Autowired(required = false)
    public void setJobs(Collection<Job> jobs) {
        super.setJobs(jobs);
        this.jobs = jobs;
    }

    /**
     * Takes the registry of the jobs that are not beans; autowired, as in Spring Boot's
     * runner.
     * @param jobRegistry the registry
     */
    @Override
    @Autowired(required = false)
    public void setJobRegistry(JobRegistry jobRegistry) {
        super.setJobRegistry(jobRegistry);
        this.jobRegistry = jobRegistry;
    }

    @Override
    public void setJobName(String jobName) {
        super.setJobName(jobName);
        this.jobName = jobName;
    }

    /**
     * Refuses a start that cannot tell which job to run, as Spring Boot's runner does,
     * but naming the jobs there are.
     * @throws JobSelectionException with several jobs and no
     * {@code spring.batch.job.name}, or a name that is none of them
     */
    @Override
    public void afterPropertiesSet() {
        Set<String> names = new TreeSet<>();
        jobs.forEach(job -> names.add(job.getName()));
        if (jobRegistry != null) {
            names.addAll(jobRegistry.getJobNames());
        }
        if (!StringUtils.hasText(jobName) && jobs.size() > 1) {
            throw new JobSelectionException(null, List.copyOf(names));
        }
        if (StringUtils.hasText(jobName) && !names.contains(jobName)) {
            throw new JobSelectionException(jobName, List.copyOf(names));
        }
        super.afterPropertiesSet();
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        super.setApplicationEventPublisher(publisher);
        this.publisher = publisher;
    }

    @Override
    protected void execute(Job job, JobParameters jobParameters) throws JobExecutionAlreadyRunningException,
            JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
        // The job operator runs the job on this thread: the lease is held until it ends,
        // and released when the launch closes.
        try (RunningExecutions.Launch launch = executions.launch(job.getName(), leases.acquire(job.getName()))) {
            executeHoldingLease(job, jobParameters);
        }
    }

    private void executeHoldingLease(Job job, JobParameters jobParameters) throws JobExecutionAlreadyRunningException,
            JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
        JobExecution last = lastExecution(job.getName());
        if (last == null || !isUnfinished(last)) {
            super.execute(job, jobParameters);
            return;
        }
        Optional<Map<String, String>> configuration = configurations.apply(job);
        if (configuration.isPresent() && unfinishedRun == UnfinishedRun.ABANDON) {
            abandon(job, last);
            super.execute(job, jobParameters);
            return;
        }
        if (configuration.isPresent()) {
            requireRecordedConfiguration(job, last, configuration.get());
        }
        if (last.isRunning()) {
            last = recover(job, last, "resume");
        }
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
    }

    /**
     * Refuses to resume an unfinished run with values other than those it recorded when
     * it started.
     */
    private void requireRecordedConfiguration(Job job, JobExecution last, Map<String, String> requested)
            throws ConfigurationChangedException {
        Map<String, String> recorded = TrainingRunIncrementer.recordedConfiguration(last.getJobParameters(),
                requested.keySet());
        if (recorded.isEmpty()) {
            logger.warn("Job {} execution {} recorded no configuration (it was started before the starter recorded "
                    + "configurations): resuming it with this start's, which cannot be checked against the one it "
                    + "started with", job.getName(), last.getId());
            return;
        }
        List<ConfigurationChange> changes = ConfigurationChange.between(recorded, requested);
        if (!changes.isEmpty()) {
            throw new ConfigurationChangedException(job.getName(), last.getJobInstance().getInstanceId(), last.getId(),
                    last.getStatus(), changes);
        }
    }

    /** FAILED, STOPPED, or still running: left by a process that is gone. */
    private static boolean isUnfinished(JobExecution execution) {
        return execution.isRunning() || execution.getStatus() == BatchStatus.FAILED
                || execution.getStatus() == BatchStatus.STOPPED;
    }

    /**
     * Marks a dead execution FAILED: Spring Batch restarts or abandons only an execution
     * that has ended.
     */
    private JobExecution recover(Job job, JobExecution last, String purpose) {
        logger.warn(
                "Job {} execution {} is still marked {} in the JobRepository, but the process that ran it is "
                        + "gone; marking it FAILED so that it can {}",
                job.getName(), last.getId(), last.getStatus(), purpose);
        // A restart copies the last execution's context into the new one, so a running
        // execution can carry
        // the marker of the execution recovered before it; recover() would take it as
        // done and leave it STARTED.
        last.getExecutionContext().remove(WallTime.RECOVERED);
        JobExecution recovered = jobOperator.recover(last);
        // recover() updates the execution but not its context: store the marker, which
        // tells its wall time.
        jobRepository.updateExecutionContext(recovered);
        return recovered;
    }

    private void abandon(Job job, JobExecution last) throws JobExecutionAlreadyRunningException {
        if (last.isRunning()) {
            last = recover(job, last, "be abandoned");
        }
        logger.warn(
                "Abandoning the unfinished run of job {} (instance {}, execution {} ended {}), as "
                        + "demon.unfinished-run=abandon asks; a new run starts from scratch",
                job.getName(), last.getJobInstance().getInstanceId(), last.getId(), last.getStatus());
        jobOperator.abandon(last);
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        return instance != null ? jobRepository.getLastJobExecution(instance) : null;
    }

}
