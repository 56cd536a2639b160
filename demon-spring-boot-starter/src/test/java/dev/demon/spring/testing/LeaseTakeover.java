package dev.demon.spring.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.lease.LeaseLostException;

/**
 * What a process on host {@code build-7} (pid 1234) does to take a running execution
 * over, in the order it does it: it takes the lease (the next generation, then the lock's
 * row), and marks the running execution FAILED with {@code JobOperator.recover} to
 * restart it.
 */
public final class LeaseTakeover {

    /** The process that takes the lease over. */
    public static final LeaseHolder TAKER = new LeaseHolder("build-7", 1234, Instant.parse("2026-12-01T08:30:00Z"));

    private LeaseTakeover() {
    }

    /**
     * Takes over the first execution running in an application, then waits until the
     * holder's renewal has found the lease lost.
     * @param context the application whose execution is taken over
     */
    public static void takeOverAndRecover(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        RunningExecutions executions = context.getBean(RunningExecutions.class);
        JobExecution running = executions.executions().get(0);
        Lease holders = executions.of(running).lease();
        jdbc.update("UPDATE DEMON_LEASE SET GENERATION = GENERATION + 1, CLIENT_ID = ?", TAKER.clientId());
        jdbc.update("UPDATE DEMON_LOCK SET CLIENT_ID = ?", TAKER.clientId());
        JobExecution stored = context.getBean(JobRepository.class).getJobExecution(running.getId());
        context.getBean(JobOperator.class).recover(stored);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                holders.requireHeld();
                return false;
            }
            catch (LeaseLostException ex) {
                return true;
            }
        });
    }

}
