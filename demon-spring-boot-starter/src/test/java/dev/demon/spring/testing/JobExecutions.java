package dev.demon.spring.testing;

import java.util.Comparator;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;

/**
 * The executions of the {@code synthetic} job's last instance, as the job repository
 * holds them.
 */
public final class JobExecutions {

    private JobExecutions() {
    }

    /**
     * Reads the executions of the last instance.
     * @param context a running application with the starter
     * @return the executions, oldest first
     */
    public static List<JobExecution> ofLastInstance(ApplicationContext context) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        return jobRepository.getJobExecutions(jobRepository.getLastJobInstance(SyntheticPipeline.NAME))
            .stream()
            .sorted(Comparator.comparingLong(JobExecution::getId))
            .toList();
    }

}
