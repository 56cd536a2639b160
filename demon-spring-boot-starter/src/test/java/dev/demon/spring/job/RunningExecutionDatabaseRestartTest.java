package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.testing.LoopbackPostgres;

/**
 * A running execution asks a real PostgreSQL JobRepository whether it is to stop while
 * the server restarts: the pooled connection the server cut fails the read and its
 * transaction's rollback, and training goes on; once the server is back, a STOPPING mark
 * is read again.
 */
class RunningExecutionDatabaseRestartTest {

    @Test
    void repositoryWhoseServerIsRestartingDoesNotStopTheExecution() throws Exception {
        try (LoopbackPostgres postgres = LoopbackPostgres.start(); HikariDataSource dataSource = dataSource(postgres)) {
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"))
                .execute(dataSource);
            JobRepository repository = repository(dataSource);
            JobParameters parameters = new JobParameters();
            JobInstance instance = repository.createJobInstance("mlp", parameters);
            JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
            RunningExecution running = new RunningExecution(execution, Lease.none(), repository, Duration.ZERO);
            assertThat(running.stopRequested().getAsBoolean()).as("before the restart").isFalse();

            postgres.stopServer();
            try {
                assertThat(running.stopRequested().getAsBoolean()).as("server stopped").isFalse();
            }
            finally {
                postgres.startServer();
            }
            // Another process's JobOperator.stop. The pool may still
            // lend a connection the restart cut: one more look fails.
            assertThat(postgres.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPING'")).isOne();
            await().atMost(Duration.ofSeconds(30)).until(() -> running.stopRequested().getAsBoolean());
        }
    }

    private static HikariDataSource dataSource(LoopbackPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername("postgres");
        // A borrower waits this long for a stopped server (Hikari's default: 30 s).
        dataSource.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        return dataSource;
    }

    private static JobRepository repository(HikariDataSource dataSource) throws Exception {
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        factory.afterPropertiesSet();
        return factory.getObject();
    }

}
