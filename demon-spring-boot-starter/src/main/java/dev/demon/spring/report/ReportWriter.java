package dev.demon.spring.report;

import java.io.IOException;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.WriteWindow;

/**
 * Writes a job's report file, a {@link TrainingReport} ({@code report.json}) or a sweep's
 * results ({@code sweep.json}), as indented JSON, replacing a previous one of the same
 * name atomically so a reader never sees half a file. Written for the holder of the job's
 * {@link Lease}, it goes under the name of the lease's generation
 * ({@code report.g000005.json}, see {@link GenerationalName}), which the report also
 * records as {@code generation}, so a holder whose lease was taken over never replaces a
 * newer holder's report, even when paused between its check and its write; readers take
 * the newest generation's.
 *
 * <p>
 * A figure that does not exist, such as the accuracy of a pipeline without an accuracy
 * evaluator, is {@code null} ({@link ReportJson}).
 */
public class ReportWriter {

    private final WriteWindow window;

    /**
     * Creates the writer.
     */
    public ReportWriter() {
        this(WriteWindow.NONE);
    }

    /**
     * Creates a writer with what happens between its check of the newest generation and
     * each write: a test's pause.
     * @param window called after the check, before the write
     */
    public ReportWriter(WriteWindow window) {
        this.window = window;
    }

    /**
     * Writes the report into one file, whatever is there.
     * @param report the report
     * @param file where
     * @throws IOException when the file cannot be written
     */
    public void write(TrainingReport report, Path file) throws IOException {
        ReportJson.write(report, file);
    }

    /**
     * Writes the report for the holder of a lease, under the name of its generation, then
     * deletes the reports of older generations, which it supersedes
     * ({@link GenerationalName#deleteOlderThan}); refused early when a report of that
     * name was written by a newer holder.
     * @param report the report, recording {@code lease}'s generation as
     * {@code generation}: a {@link TrainingReport}, or a sweep's results
     * @param name the report's name, such as the pipeline's {@code report} in its folder
     * @param lease the job's lease
     * @return the file written
     * @throws IOException when the file cannot be written
     * @throws LeaseLostException when the lease cannot be proved, or a report of a newer
     * generation is there; nothing is then written
     */
    public Path write(Object report, GenerationalName name, Lease lease) throws IOException {
        Path file = name.of(lease.generation());
        lease.requireNewest(name.newestGeneration(), file.toString());
        window.opened(file);
        ReportJson.write(report, file);
        name.deleteOlderThan(lease.generation());
        return file;
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
