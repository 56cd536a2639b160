package dev.demon.spring.testing;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a process killed with kill -9 leaves in the job repository: its execution and the
 * step it was running STARTED, with no end. Tests play it by turning a step failure back
 * into that.
 */
public final class KilledProcess {

    private KilledProcess() {
    }

    /**
     * Puts the last execution of a job and its failed step back to STARTED with no end.
     * @param jobRepository the job repository
     * @param jobName the job whose last execution failed in a step
     */
    public static void leaveLastExecutionRunning(JobRepository jobRepository, String jobName) {
        JobExecution execution = jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(jobName));
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.FAILED) {
                step.setStatus(BatchStatus.STARTED);
                step.setEndTime(null);
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.STARTED);
        execution.setEndTime(null);
        jobRepository.update(execution);
    }

}
