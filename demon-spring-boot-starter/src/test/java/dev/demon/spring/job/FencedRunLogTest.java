package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.LeaseTakeover;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.KilledProcess;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * A process fenced out of its run, which another process carries on, logs one ERROR line
 * that says what happened and that nothing needs doing, and no stack trace: not Spring
 * Batch's errors for the step (the fencing thrown through it, "This job is now in an
 * unknown state"), not the lease's release. The other process is host {@code build-7} pid
 * 1234, as its rows in the lease tables, its files and {@code JobOperator.recover} show
 * it; each run is the synthetic pipeline's 3 epochs of 6 updates.
 */
@ExtendWith(OutputCaptureExtension.class)
class FencedRunLogTest {

    /** What the fenced process's line says after its reason. */
    private static final String NOTHING_TO_DO = ". This process wrote no checkpoint, report or model after that and "
            + "stops; nothing needs doing: the process that holds the lease now (or the next start) carries the run "
            + "on from its last checkpoint";

    @TempDir
    Path folder;

    @Test
    void processWhoseLeaseIsTakenOverWhileTrainingLogsOneErrorLineNamingTheTaker(CapturedOutput output) {
        TrainingRun run = TrainingRun.startDoingDuring(this.folder, 8, LeaseTakeover::takeOverAndRecover, context -> {
        }, "--demon.lease.time-to-live=3s");
        assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(errorLines(output)).singleElement()
            .asString()
            .endsWith(" : Run 1 of synthetic (job execution 1) ends FAILED without its report or models: Job "
                    + "synthetic is fenced: its lease was taken over by host build-7 pid 1234 (generation 2; this "
                    + "process held generation 1)" + NOTHING_TO_DO);
        assertNoStackTraceNorUnknownState(output);
    }

    @Test
    void stepOfARunTakenOverIsStoredFailedWithTheFencingAsItsExitDescription() {
        TrainingRun.startDoingDuring(this.folder, 8, LeaseTakeover::takeOverAndRecover, context -> {
        }, "--demon.lease.time-to-live=3s");
        assertThat(database()
            .queryForList("SELECT STATUS, EXIT_CODE FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'synthetic-epoch-2'"))
            .containsExactly(Map.of("STATUS", "FAILED", "EXIT_CODE", "FAILED"));
        assertThat(database().queryForObject(
                "SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'synthetic-epoch-2'", String.class))
            .startsWith("Job synthetic is fenced: its lease was taken over by host build-7 pid 1234");
    }

    @Test
    void releasingALeaseTakenOverLogsThatItWasNoLongerThisProcesssWithoutAWarning(CapturedOutput output) {
        TrainingRun.startDoingDuring(this.folder, 8, LeaseTakeover::takeOverAndRecover, context -> {
        }, "--demon.lease.time-to-live=3s");
        assertThat(output.getAll().lines().filter(line -> line.contains("JdbcJobLeases")))
            .noneMatch(line -> line.contains(" WARN "))
            .anyMatch(line -> line.contains(" INFO ") && line.endsWith("Job synthetic: lease not released, as it "
                    + "was no longer this process's: its lease was taken over by host build-7 pid 1234 "
                    + "(generation 2; this process held generation 1)"));
    }

    @Test
    void processFindingANewerHoldersCheckpointWhenItWritesOneLogsOneErrorLine(CapturedOutput output) {
        // Update 11 (counting from 0) is epoch 2's last: its checkpoint is the next
        // write.
        TrainingRun run = TrainingRun.startDoingDuring(this.folder, 11, this::newerHolderWritesACheckpoint, context -> {
        });
        assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(errorLines(output)).singleElement()
            .asString()
            .contains(" : Run 1 of synthetic (job execution 1) ends FAILED without its report or models: Job "
                    + "synthetic is fenced: a checkpoint in ")
            .endsWith(" was written by a newer holder of its lease (generation 2, this process holds generation 1)"
                    + NOTHING_TO_DO);
        assertNoStackTraceNorUnknownState(output);
    }

    @Test
    void processFindingANewerHoldersReportWhenItWritesItsOwnLogsOneErrorLine(CapturedOutput output) {
        // Update 17 (counting from 0) is the run's last: the report is written after it.
        TrainingRun run = TrainingRun.startDoingDuring(this.folder, 17, this::newerHolderWritesAReport, context -> {
        });
        assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(errorLines(output)).singleElement()
            .asString()
            .endsWith(" : Run 1 of synthetic (job execution 1) ends FAILED without its report or models: Job "
                    + "synthetic is fenced: " + pipelineFolder().report(1)
                    + " was written by a newer holder of its lease " + "(generation 2, this process holds generation 1)"
                    + NOTHING_TO_DO);
        assertNoStackTraceNorUnknownState(output);
    }

    @Test
    void startRefusedBecauseAnotherProcessHoldsTheLeaseLogsOneErrorLineSayingToWait(CapturedOutput output) {
        TrainingRun.start(this.folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2), (context) -> KilledProcess
            .leaveLastExecutionRunning(context.getBean(JobRepository.class), SyntheticPipeline.NAME));
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        database().update(
                "INSERT INTO DEMON_LOCK (REGION, LOCK_KEY, CLIENT_ID, CREATED_DATE, EXPIRED_AFTER) "
                        + "VALUES ('demon-jobs', ?, ?, ?, ?)",
                UUIDConverter.getUUID(SyntheticPipeline.NAME).toString(), LeaseTakeover.TAKER.clientId(),
                Timestamp.valueOf(now.minusMinutes(5)), Timestamp.valueOf(now.plusMinutes(1)));
        int before = output.getAll().length();
        assertThatExceptionOfType(LeaseHeldException.class)
            .isThrownBy(() -> TrainingRun.start(this.folder, DataFault.NONE));
        String refused = output.getAll().substring(before);
        assertThat(refused.lines().filter(line -> line.contains(" ERROR "))).hasSize(1);
        assertThat(refused).contains("Job synthetic is already running: process 1234 on host build-7 holds its lease")
            .contains("Wait for that run to end or stop it, then start the job again.")
            .doesNotContain("Exception")
            .doesNotContainPattern("\\tat ");
    }

    /**
     * A holder of generation 2 whose lease the running process has not yet found taken
     * (the taker's clock ahead of its own) writes a checkpoint into the run's folder: the
     * one of epoch 1 again.
     */
    private void newerHolderWritesACheckpoint(ConfigurableApplicationContext context) {
        Path run = new Workspace(this.folder).pipeline(SyntheticPipeline.NAME).run(1);
        try {
            CheckpointStore newer = new CheckpointStore(run, generation(2));
            newer.save(new CheckpointStore(run).ofEpoch(1).orElseThrow(), 1);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** As {@link #newerHolderWritesACheckpoint}, with the pipeline's report. */
    private void newerHolderWritesAReport(ConfigurableApplicationContext context) {
        try {
            new ReportWriter().write(new TrainingReport(SyntheticPipeline.NAME, "STARTED", "sgdm", "demon", 3, 18, 0,
                    null, 0.5, List.of(), null, null, null, 2), pipelineFolder().reportName(), generation(2));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private PipelineFolder pipelineFolder() {
        return new Workspace(this.folder).pipeline(SyntheticPipeline.NAME);
    }

    private static Lease generation(long generation) {
        return new Lease() {

            @Override
            public long generation() {
                return generation;
            }

            @Override
            public void close() {
            }

        };
    }

    private JdbcTemplate database() {
        return new JdbcTemplate(
                new SimpleDriverDataSource(new Driver(), "jdbc:h2:file:" + this.folder.resolve("batch"), "sa", ""));
    }

    private static List<String> errorLines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    private static void assertNoStackTraceNorUnknownState(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("Exception")
            .doesNotContain("unknown state")
            .doesNotContainPattern("\\tat (dev|org|java)\\.");
    }

}
