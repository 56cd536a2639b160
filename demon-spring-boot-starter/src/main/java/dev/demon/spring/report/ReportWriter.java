package dev.demon.spring.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;

/**
 * Writes a job's report file, a {@link TrainingReport} ({@code report.json}) or a sweep's
 * results ({@code sweep.json}), as indented JSON, replacing the previous one atomically
 * so a reader never sees half a file. Written for the holder of the job's {@link Lease},
 * whose generation the report records as {@code generation}, it does not replace a report
 * of a newer lease generation.
 *
 * <p>
 * A figure that does not exist, such as the accuracy of a pipeline without an accuracy
 * evaluator, is {@code null} ({@link ReportJson}).
 */
public class ReportWriter {

    /**
     * Writes the report.
     * @param report the report
     * @param file where, usually the pipeline's
     * {@link dev.demon.spring.workspace.PipelineFolder#report()}
     * @throws IOException when the file cannot be written
     */
    public void write(TrainingReport report, Path file) throws IOException {
        write(report, file, Lease.none());
    }

    /**
     * Writes the report for the holder of a lease, unless the report in its place was
     * written by a newer holder.
     * @param report the report, recording {@code lease}'s generation as
     * {@code generation}: a {@link TrainingReport}, or a sweep's results
     * @param file where, usually the pipeline's
     * {@link dev.demon.spring.workspace.PipelineFolder#report()}
     * @param lease the job's lease
     * @throws IOException when the file cannot be written
     * @throws LeaseLostException when the lease cannot be proved, or the report in place
     * holds a newer generation; the file is then untouched
     */
    public void write(Object report, Path file, Lease lease) throws IOException {
        lease.requireNewest(generationOf(file), file.toString());
        ReportJson.write(report, file);
    }

    /**
     * Before a new run (a new job instance) writes anything: deletes the report in its
     * place when it records a higher lease generation than the run's. A new run's
     * generation counts from its JobRepository, so such a report is from another
     * JobRepository (one deleted, or another database), not from a newer holder, as a new
     * run starts only under a lease proved just now; kept, it would fence the run's own
     * report.
     * @param file the run's report file
     * @param lease the new run's lease
     * @return the generation of the report deleted; empty when there was none to delete
     * @throws IOException when the file cannot be read or deleted
     */
    public OptionalLong deleteOfAnotherJobRepository(Path file, Lease lease) throws IOException {
        long onDisk = generationOf(file);
        if (onDisk <= lease.generation()) {
            return OptionalLong.empty();
        }
        Files.delete(file);
        return OptionalLong.of(onDisk);
    }

    /**
     * The lease generation of the report in a file.
     * @param file a report file
     * @return its generation; 0 when there is no file, or it records none or cannot be
     * parsed (a report half-written by hand is no newer holder's)
     * @throws IOException when it exists but cannot be read
     */
    public long generationOf(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            JsonNode generation = ReportJson.mapper().readTree(Files.readAllBytes(file)).get("generation");
            return generation != null && generation.canConvertToLong() ? generation.asLong() : 0;
        }
        catch (JacksonException ex) {
            return 0;
        }
    }

    /**
     * Reads a report back.
     * @param file the report file
     * @return the report
     * @throws IOException when the file cannot be read or parsed
     */
    public TrainingReport read(Path file) throws IOException {
        try {
            return ReportJson.mapper().readValue(file.toFile(), TrainingReport.class);
        }
        catch (JacksonException ex) {
            throw new IOException("Cannot read report " + file + ": " + ex.getOriginalMessage(), ex);
        }
    }

}
