package dev.demon.spring.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.testing.TakenOverLease;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * report.json goes under the name of its writer's lease generation, which it also
 * records, and a writer of an older generation never replaces a newer one's.
 */
class ReportWriterTest {

    @TempDir
    Path dir;

    private final ReportWriter writer = new ReportWriter();

    private PipelineFolder pipeline() {
        return new Workspace(this.dir).pipeline(TakenOverLease.JOB);
    }

    private static TrainingReport report(String status, long generation) {
        return new TrainingReport(TakenOverLease.JOB, status, "sgdm", "demon", 3, 18, 18, 0f, 1.5, List.of(), null,
                null, null, generation);
    }

    @Test
    void reportGoesUnderItsWritersGenerationAndRecordsIt(@TempDir Path database) throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            Path file = this.writer.write(report("COMPLETED", 2), pipeline().reportName(), lease.newer());

            assertThat(file).isEqualTo(this.dir.resolve("synthetic/report.g000002.json"));
            assertThat(this.writer.read(file).generation()).isEqualTo(2);
        }
    }

    @Test
    void writerWhoseLeaseWasTakenOverIsRefusedBeforeWriting(@TempDir Path database) throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            Path newer = this.writer.write(report("COMPLETED", 2), pipeline().reportName(), lease.newer());

            assertThatExceptionOfType(LeaseLostException.class)
                .isThrownBy(() -> this.writer.write(report("FAILED", 1), pipeline().reportName(), lease.older()))
                .withMessageStartingWith(
                        "Job synthetic is fenced: " + pipeline().report(1) + " was written by a newer holder");
            assertThat(pipeline().report(1)).doesNotExist();
            assertThat(pipeline().report()).isEqualTo(newer);
        }
    }

    @Test
    void writerPausedBetweenItsCheckAndItsWriteLeavesTheNewerHoldersReportAsItWas(@TempDir Path database)
            throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            AtomicReference<byte[]> newerWrote = new AtomicReference<>();
            // The older holder has checked (no newer report yet) and is paused, as by
            // a GC pause or SIGSTOP, while the newer one writes its report.
            ReportWriter paused = new ReportWriter(target -> {
                Path newer = this.writer.write(report("COMPLETED", 2), pipeline().reportName(), lease.newer());
                newerWrote.set(Files.readAllBytes(newer));
            });

            Path stale = paused.write(report("FAILED", 1), pipeline().reportName(), lease.older());

            assertThat(stale).hasFileName("report.g000001.json");
            assertThat(Files.readAllBytes(pipeline().report(2))).isEqualTo(newerWrote.get());
            assertThat(pipeline().report()).isEqualTo(pipeline().report(2));
            assertThat(this.writer.read(pipeline().report()).status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aReportSupersedesAndDeletesTheReportsOfOlderGenerations(@TempDir Path database) throws IOException {
        Path old = Files.createDirectories(pipeline().folder()).resolve("report.json");
        this.writer.write(report("COMPLETED", 0), old);
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            this.writer.write(report("FAILED", 1), pipeline().reportName(), lease.older());
            this.writer.write(report("COMPLETED", 2), pipeline().reportName(), lease.newer());

            assertThat(pipeline().reportName().all()).containsExactly(pipeline().report(2));
        }
    }

    @Test
    void reportNamedWithoutAGenerationIsGenerationZero() throws IOException {
        Path old = Files.createDirectories(pipeline().folder()).resolve("report.json");
        this.writer.write(report("COMPLETED", 0), old);

        assertThat(pipeline().reportName().generationOf(old)).hasValue(0);
        assertThat(pipeline().report()).isEqualTo(old);
    }

}
