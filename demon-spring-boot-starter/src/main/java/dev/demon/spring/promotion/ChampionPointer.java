package dev.demon.spring.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import tools.jackson.core.JacksonException;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.WriteWindow;

/**
 * The pointer naming the model version a pipeline serves, its champion (MLflow's
 * {@code @champion} alias): {@code <pipeline>/champion.g<generation>.json}, written by
 * the holder of the run's lease that promotes, under a name of its own generation
 * ({@link GenerationalName}); the newest generation's is in force. A switch writes a new
 * file (write, fsync, atomic rename) and never rewrites one in place, so a reader sees
 * the old champion or the new one, and a holder whose lease was taken over can add only a
 * pointer of its older generation, which readers do not take.
 *
 * @param version the version served, a folder in the pipeline's {@code versions/}
 * @param jobInstanceId the run that trained it, or null when not known
 * @param promotedByJobExecution the job execution whose promotion step wrote the pointer
 * @param generation the lease generation of that holder
 * @param promotedAt when, ISO-8601 UTC
 */
public record ChampionPointer(String version, @Nullable Long jobInstanceId, long promotedByJobExecution,
        long generation, String promotedAt) {

    /**
     * The pointer in force for a pipeline.
     * @param pipeline the pipeline's folder
     * @return the newest generation's pointer; empty when there is none (a workspace from
     * before versions, or no run has been promoted)
     * @throws IOException when the folder cannot be listed or the pointer read
     */
    public static Optional<ChampionPointer> read(PipelineFolder pipeline) throws IOException {
        Path file = pipeline.championName().newest();
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /**
     * Reads one pointer file.
     * @param file the file
     * @return the pointer
     * @throws IOException when it cannot be read or parsed
     */
    public static ChampionPointer read(Path file) throws IOException {
        try {
            return ReportJson.mapper().readValue(file.toFile(), ChampionPointer.class);
        }
        catch (JacksonException ex) {
            throw new IOException("Cannot read the champion pointer " + file + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Switches a pipeline's champion to this pointer's version, for the holder of a
     * lease: refused when a newer holder has written a pointer, then written under the
     * lease's generation's name, then the older generations' pointers, which it
     * supersedes, deleted.
     * @param pipeline the pipeline's folder
     * @param lease the job's lease, whose generation this pointer records
     * @param window called after the check, before the write: a test's pause or crash
     * @return the file written
     * @throws IOException when it cannot be written
     * @throws dev.demon.spring.lease.LeaseLostException when the lease cannot be proved
     * or a newer holder wrote a pointer; nothing is then written
     */
    public Path write(PipelineFolder pipeline, Lease lease, WriteWindow window) throws IOException {
        // Fenced as a report is: the same check, name and supersession.
        return new ReportWriter(window).write(this, pipeline.championName(), lease);
    }

}
