package dev.demon.spring.sweep;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The JobRepository of a sweep's trial step, which stores nothing more of a trial whose
 * lease a newer worker holds ({@link #leaveToNewerHolder}): that worker carries on the
 * same step execution, so every later update of it by this process (its status, its
 * execution context, which Spring Batch's {@code TaskletStep} and {@code AbstractStep}
 * store when the step ends) would either write over the newer worker's row or, rejected
 * by the row's version, be logged by Spring Batch as errors with their stack traces and
 * "This job is now in an unknown state", although nothing is wrong with the sweep. The
 * fenced step's outcome stays in this process's memory; everything else is the
 * repository's.
 */
final class TrialStepRepository implements JobRepository {

    private final JobRepository repository;

    private final Set<Long> leftToNewerHolders = ConcurrentHashMap.newKeySet();

    TrialStepRepository(JobRepository repository) {
        this.repository = repository;
    }

    /**
     * From now on, stores nothing of this step execution: a newer holder of its trial's
     * lease carries it on.
     * @param step the fenced trial's step execution
     */
    void leaveToNewerHolder(StepExecution step) {
        leftToNewerHolders.add(step.getId());
    }

    private boolean leftToNewerHolder(StepExecution step) {
        return leftToNewerHolders.contains(step.getId());
    }

    @Override
    public void update(StepExecution stepExecution) {
        if (!leftToNewerHolder(stepExecution)) {
            repository.update(stepExecution);
        }
    }

    @Override
    public void updateExecutionContext(StepExecution stepExecution) {
        if (!leftToNewerHolder(stepExecution)) {
            repository.updateExecutionContext(stepExecution);
        }
    }

    @Override
    public List<String> getJobNames() {
        return repository.getJobNames();
    }

    @Override
    public List<JobInstance> getJobInstances(String jobName, int start, int count) {
        return repository.getJobInstances(jobName, start, count);
    }

    @Override
    public List<JobInstance> findJobInstances(String jobName) {
        return repository.findJobInstances(jobName);
    }

    @Override
    @SuppressWarnings({ "deprecation", "removal" })
    public List<JobInstance> findJobInstancesByJobName(String jobName, int start, int count) {
        return repository.findJobInstancesByJobName(jobName, start, count);
    }

    @Override
    @SuppressWarnings({ "deprecation", "removal" })
    public List<JobInstance> findJobInstancesByName(String jobName, int start, int count) {
        return repository.findJobInstancesByName(jobName, start, count);
    }

    @Override
    public boolean isJobInstanceExists(String jobName, JobParameters jobParameters) {
        return repository.isJobInstanceExists(jobName, jobParameters);
    }

    @Override
    public JobInstance getJobInstance(long instanceId) {
        return repository.getJobInstance(instanceId);
    }

    @Override
    public JobInstance getLastJobInstance(String jobName) {
        return repository.getLastJobInstance(jobName);
    }

    @Override
    public JobInstance getJobInstance(String jobName, JobParameters jobParameters) {
        return repository.getJobInstance(jobName, jobParameters);
    }

    @Override
    public long getJobInstanceCount(String jobName) throws NoSuchJobException {
        return repository.getJobInstanceCount(jobName);
    }

    @Override
    public JobExecution getJobExecution(long executionId) {
        return repository.getJobExecution(executionId);
    }

    @Override
    public List<JobExecution> getJobExecutions(JobInstance jobInstance) {
        return repository.getJobExecutions(jobInstance);
    }

    @Override
    @SuppressWarnings({ "deprecation", "removal" })
    public List<JobExecution> findJobExecutions(JobInstance jobInstance) {
        return repository.findJobExecutions(jobInstance);
    }

    @Override
    public JobExecution getLastJobExecution(JobInstance jobInstance) {
        return repository.getLastJobExecution(jobInstance);
    }

    @Override
    public JobExecution getLastJobExecution(String jobName, JobParameters jobParameters) {
        return repository.getLastJobExecution(jobName, jobParameters);
    }

    @Override
    public Set<JobExecution> findRunningJobExecutions(String jobName) {
        return repository.findRunningJobExecutions(jobName);
    }

    @Override
    public StepExecution getStepExecution(long jobExecutionId, long stepExecutionId) {
        return repository.getStepExecution(jobExecutionId, stepExecutionId);
    }

    @Override
    public StepExecution getStepExecution(long stepExecutionId) {
        return repository.getStepExecution(stepExecutionId);
    }

    @Override
    public StepExecution getLastStepExecution(JobInstance jobInstance, String stepName) {
        return repository.getLastStepExecution(jobInstance, stepName);
    }

    @Override
    public long getStepExecutionCount(JobInstance jobInstance, String stepName) throws NoSuchStepException {
        return repository.getStepExecutionCount(jobInstance, stepName);
    }

    @Override
    public JobInstance createJobInstance(String jobName, JobParameters jobParameters) {
        return repository.createJobInstance(jobName, jobParameters);
    }

    @Override
    public void deleteJobInstance(JobInstance jobInstance) {
        repository.deleteJobInstance(jobInstance);
    }

    @Override
    public JobExecution createJobExecution(JobInstance jobInstance, JobParameters jobParameters,
            ExecutionContext executionContext) {
        return repository.createJobExecution(jobInstance, jobParameters, executionContext);
    }

    @Override
    public void update(JobExecution jobExecution) {
        repository.update(jobExecution);
    }

    @Override
    public void updateExecutionContext(JobExecution jobExecution) {
        repository.updateExecutionContext(jobExecution);
    }

    @Override
    public void deleteJobExecution(JobExecution jobExecution) {
        repository.deleteJobExecution(jobExecution);
    }

    @Override
    public StepExecution createStepExecution(String stepName, JobExecution jobExecution) {
        return repository.createStepExecution(stepName, jobExecution);
    }

    @Override
    public void deleteStepExecution(StepExecution stepExecution) {
        repository.deleteStepExecution(stepExecution);
    }

}
