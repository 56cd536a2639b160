package dev.demon.spring.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;

/**
 * Writes a {@link TrainingReport} as indented JSON, replacing the previous report
 * atomically so a reader never sees half a file. Written for the holder of the job's
 * {@link Lease}, it does not replace a report of a newer lease generation.
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
     * @param report the report, of {@code lease}'s generation
     * @param file where, usually the pipeline's
     * {@link dev.demon.spring.workspace.PipelineFolder#report()}
     * @param lease the job's lease
     * @throws IOException when the file cannot be written
     * @throws LeaseLostException when the lease cannot be proved, or the report in place
     * holds a newer generation; the file is then untouched
     */
    public void write(TrainingReport report, Path file, Lease lease) throws IOException {
        lease.requireNewest(generationOf(file), file.toString());
        ReportJson.write(report, file);
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
