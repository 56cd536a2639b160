package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.KilledProcess;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * A start that finds the job's execution STARTED goes by the job's lease: while another
 * live process holds it the start is refused and the execution stays as it is; once the
 * lease expired the execution is recovered and resumed. The other holder is its row in
 * {@code DEMON_LOCK}, as a process on host {@code build-7} would have written it.
 */
class LeasedStartTest {

    private static final LeaseHolder OTHER = new LeaseHolder("build-7", 1234, Instant.parse("2026-12-01T08:30:00Z"));

    @TempDir
    Path folder;

    /**
     * A run whose process is "killed" during epoch 2, and a lease as another host holds
     * it.
     */
    private JdbcTemplate startedExecutionLeasedUntil(LocalDateTime expiredAfter) {
        TrainingRun.start(this.folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2), (context) -> KilledProcess
            .leaveLastExecutionRunning(context.getBean(JobRepository.class), SyntheticPipeline.NAME));
        JdbcTemplate jdbc = new JdbcTemplate(
                new SimpleDriverDataSource(new Driver(), "jdbc:h2:file:" + this.folder.resolve("batch"), "sa", ""));
        jdbc.update(
                "INSERT INTO DEMON_LOCK (REGION, LOCK_KEY, CLIENT_ID, CREATED_DATE, EXPIRED_AFTER) "
                        + "VALUES ('demon-jobs', ?, ?, ?, ?)",
                UUIDConverter.getUUID(SyntheticPipeline.NAME).toString(), OTHER.clientId(),
                Timestamp.valueOf(utcNow().minusMinutes(5)), Timestamp.valueOf(expiredAfter));
        return jdbc;
    }

    private static LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    @Test
    void startWhileAnotherProcessHoldsTheLeaseIsRefusedAndLeavesItsExecutionStarted() {
        JdbcTemplate jdbc = startedExecutionLeasedUntil(utcNow().plusMinutes(1));
        assertThatExceptionOfType(LeaseHeldException.class)
            .isThrownBy(() -> TrainingRun.start(this.folder, DataFault.NONE))
            .withMessage("Job synthetic is running in process 1234 on host build-7 since 2026-12-01T08:30:00Z, "
                    + "which holds its lease");
        assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class))
            .containsExactly("STARTED");
        assertThat(jdbc.queryForList("SELECT CLIENT_ID FROM DEMON_LOCK", String.class))
            .containsExactly(OTHER.clientId());
    }

    @Test
    void startAfterTheLeaseExpiredRecoversAndResumesTheExecution() {
        JdbcTemplate jdbc = startedExecutionLeasedUntil(utcNow().minusSeconds(1));
        TrainingRun resumed = TrainingRun.start(this.folder, DataFault.NONE);
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
            .containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.queryForList("SELECT CLIENT_ID FROM DEMON_LOCK", String.class)).as("leases after the run")
            .isEmpty();
    }

}
