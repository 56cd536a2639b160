package dev.demon.spring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.io.AtomicFiles;

/**
 * Writes a {@link TrainingReport} as indented JSON, replacing the previous report
 * atomically so a reader never sees half a file.
 */
public class ReportWriter {

    private final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Writes the report.
     * @param report the report
     * @param file where, usually {@code <demon.checkpoint.dir>/<pipeline>/report.json}
     * @throws IOException when the file cannot be written
     */
    public void write(TrainingReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, (OutputStream out) -> mapper.writeValue(out, report));
    }

    /**
     * Reads a report back.
     * @param file the report file
     * @return the report
     * @throws IOException when the file cannot be read or parsed
     */
    public TrainingReport read(Path file) throws IOException {
        try {
            return mapper.readValue(file.toFile(), TrainingReport.class);
        }
        catch (tools.jackson.core.JacksonException ex) {
            throw new IOException("Cannot read report " + file + ": " + ex.getOriginalMessage(), ex);
        }
    }

}
