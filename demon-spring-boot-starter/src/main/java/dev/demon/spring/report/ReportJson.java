package dev.demon.spring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import dev.demon.spring.io.AtomicFiles;

/**
 * The JSON form of the files the starter writes for its users ({@code report.json},
 * {@code sweep.json}): indented, and a figure that does not exist is {@code null}.
 *
 * <p>
 * In memory such a figure is NaN: the accuracy of a pipeline without an accuracy
 * evaluator, the objective of an epoch whose loss was not finite. JSON has no NaN, and
 * Jackson's default, the string {@code "NaN"} among numbers, breaks every reader that
 * expects a number. Reading turns {@code null} back into NaN.
 */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .addModule(new SimpleModule("non-finite-as-null").addSerializer(float.class, new NonFiniteAsNull<>())
            .addSerializer(Float.class, new NonFiniteAsNull<>())
            .addSerializer(double.class, new NonFiniteAsNull<>())
            .addSerializer(Double.class, new NonFiniteAsNull<>())
            .addDeserializer(float.class, new NullAsNaN()))
        .build();

    private ReportJson() {
    }

    /**
     * The mapper that writes and reads the files.
     * @return the shared, immutable mapper
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value as a file, replacing the previous one atomically so a reader never
     * sees half a file; its folder is created when missing.
     * @param value the report
     * @param file where
     * @throws IOException when the file cannot be written; the previous one is then
     * untouched
     */
    public static void write(Object value, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, (OutputStream out) -> MAPPER.writeValue(out, value));
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
