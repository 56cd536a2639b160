package dev.demon.spring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;

/**
 * Writes a {@link TrainingReport} as indented JSON, replacing the previous report
 * atomically so a reader never sees half a file. Written for the holder of the job's
 * {@link Lease}, it does not replace a report of a newer lease generation.
 *
 * <p>
 * A figure that does not exist is {@code null}: the accuracy of a pipeline without an
 * accuracy evaluator, whose value in memory is NaN. JSON has no NaN, and Jackson's
 * default, the string {@code "NaN"} among numbers, breaks every reader that expects a
 * number. Reading turns {@code null} back into NaN.
 */
public class ReportWriter {

    private final JsonMapper mapper = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .addModule(new SimpleModule("non-finite-as-null").addSerializer(float.class, new NonFiniteAsNull<>())
            .addSerializer(Float.class, new NonFiniteAsNull<>())
            .addSerializer(double.class, new NonFiniteAsNull<>())
            .addSerializer(Double.class, new NonFiniteAsNull<>())
            .addDeserializer(float.class, new NullAsNaN()))
        .build();

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
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, (OutputStream out) -> mapper.writeValue(out, report));
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
            JsonNode generation = mapper.readTree(Files.readAllBytes(file)).get("generation");
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
            return mapper.readValue(file.toFile(), TrainingReport.class);
        }
        catch (JacksonException ex) {
            throw new IOException("Cannot read report " + file + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Writes a NaN or infinite number as {@code null}, any other as JSON's number. */
    private static final class NonFiniteAsNull<T extends Number> extends ValueSerializer<T> {

        @Override
        public void serialize(T value, JsonGenerator generator, SerializationContext context) {
            if (!Double.isFinite(value.doubleValue())) {
                generator.writeNull();
            }
            else if (value instanceof Float single) {
                generator.writeNumber(single);
            }
            else {
                generator.writeNumber(value.doubleValue());
            }
        }

    }

    /** Reads {@code null} into a {@code float} as NaN: the figure that does not exist. */
    private static final class NullAsNaN extends ValueDeserializer<Float> {

        @Override
        public Float deserialize(JsonParser parser, DeserializationContext context) {
            // Reports written before null: the string "NaN".
            return parser.currentToken().isNumeric() ? parser.getFloatValue()
                    : Float.parseFloat(parser.getValueAsString());
        }

        @Override
        public Float getNullValue(DeserializationContext context) {
            return Float.NaN;
        }

    }

}
