package dev.demon.benchmarks.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The finished cells of a job instance, read back from the JobRepository: every completed
 * {@code cell:*} step execution of any of its executions, so the cells finished before a
 * crash count as much as those finished after the restart.
 */
public final class CellResults {

    private CellResults() {
    }

    /**
     * One finished cell.
     *
     * @param cell what was trained
     * @param result what it achieved
     */
    public record Finished(Cell cell, CellResult result) {
    }

    /**
     * Collects the finished cells of the job instance of {@code current}.
     * @param jobRepository the repository
     * @param current an execution of the instance
     * @param workerStep the partitions' step name prefix
     * @return the finished cells, in partition order
     */
    public static List<Finished> collect(JobRepository jobRepository, JobExecution current, String workerStep) {
        Map<String, Finished> byPartition = new LinkedHashMap<>();
        for (JobExecution execution : jobRepository.getJobExecutions(current.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().startsWith(workerStep + ":") && step.getStatus() == BatchStatus.COMPLETED) {
                    StepExecution hydrated = jobRepository.getStepExecution(step.getId());
                    CellResult result = hydrated != null ? CellResult.readFrom(hydrated.getExecutionContext()) : null;
                    if (result != null) {
                        byPartition.put(step.getStepName(),
                                new Finished(Cell.readFrom(hydrated.getExecutionContext()), result));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(byPartition.keySet());
        names.sort(null);
        List<Finished> finished = new ArrayList<>();
        names.forEach(name -> finished.add(byPartition.get(name)));
        return finished;
    }

    /**
     * The result a partition already has: the one stored with any execution of the same
     * partition of the job instance, this one included, whatever its status. A result is
     * stored when its training ends, so a request delivered again, a partition sent again
     * by a restarted manager or an execution whose end could not be recorded does not
     * train the cell again.
     * @param jobRepository the repository
     * @param partition the partition about to be trained
     * @return its result, or empty when no execution of it finished training
     */
    public static Optional<CellResult> earlier(JobRepository jobRepository, StepExecution partition) {
        CellResult own = CellResult.readFrom(partition.getExecutionContext());
        if (own != null) {
            return Optional.of(own);
        }
        JobInstance instance = partition.getJobExecution().getJobInstance();
        for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().equals(partition.getStepName())) {
                    StepExecution hydrated = jobRepository.getStepExecution(step.getId());
                    CellResult result = hydrated != null ? CellResult.readFrom(hydrated.getExecutionContext()) : null;
                    if (result != null) {
                        return Optional.of(result);
                    }
                }
            }
        }
        return Optional.empty();
    }

}
