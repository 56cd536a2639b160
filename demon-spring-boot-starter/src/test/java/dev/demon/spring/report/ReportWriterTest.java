package dev.demon.spring.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.testing.TakenOverLease;

/**
 * report.json carries the lease generation of its writer, and a writer of an older
 * generation does not replace it.
 */
class ReportWriterTest {

    @TempDir
    Path folder;

    private final ReportWriter writer = new ReportWriter();

    private static TrainingReport report(String status, long generation) {
        return new TrainingReport(TakenOverLease.JOB, status, "sgdm", "demon", 3, 18, 18, 0f, 1.5, List.of(), null,
                null, null, generation);
    }

    @Test
    void reportReadsBackWithItsGeneration(@TempDir Path database) throws IOException {
        Path file = this.folder.resolve("report.json");
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            this.writer.write(report("COMPLETED", lease.newer().generation()), file, lease.newer());
        }
        assertThat(this.writer.read(file).generation()).isEqualTo(2);
        assertThat(this.writer.generationOf(file)).isEqualTo(2);
    }

    @Test
    void writerWhoseLeaseWasTakenOverLeavesTheNewerHoldersReportInPlace(@TempDir Path database) throws IOException {
        Path file = this.folder.resolve("report.json");
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            this.writer.write(report("COMPLETED", 2), file, lease.newer());
            byte[] newer = Files.readAllBytes(file);
            assertThatExceptionOfType(LeaseLostException.class)
                .isThrownBy(() -> this.writer.write(report("FAILED", 1), file, lease.older()))
                .withMessageStartingWith("Job synthetic is fenced: " + file + " was written by a newer holder");
            assertThat(Files.readAllBytes(file)).isEqualTo(newer);
        }
    }

    @Test
    void reportWithoutAGenerationCountsAsGenerationZero() throws IOException {
        Path file = Files.writeString(this.folder.resolve("report.json"), "{\"pipeline\": \"synthetic\"}");
        assertThat(this.writer.generationOf(file)).isZero();
    }

}
