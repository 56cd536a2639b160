package dev.demon.fashionmnist.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import ai.djl.training.dataset.Dataset.Usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

/**
 * A user's data folder ({@code demo.data.dir}) with a missing or damaged file is refused
 * with a message naming the file and what is wrong. Uses the small test files only.
 */
class FashionMnistFilesTest {

    private static final String IMAGES = "t10k-images-idx3-ubyte.gz";

    private static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path data;

    @TempDir
    Path unpacked;

    @Test
    void unpacksAFolderOfTheOriginalFilesUnderTheItemNamesDjlReads() throws IOException {
        copyBundled(IMAGES, IMAGES);
        copyBundled(LABELS, LABELS);

        new FashionMnistFiles(data).unpack(Usage.TEST, unpacked);

        assertThat(Files.size(unpacked.resolve("test_data"))).isEqualTo(16 + 10_000L * 28 * 28);
        assertThat(Files.size(unpacked.resolve("test_labels"))).isEqualTo(8 + 10_000L);
    }

    @Test
    void missingFileIsNamed() throws IOException {
        copyBundled(IMAGES, IMAGES);

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).isEqualTo(data.resolve(LABELS).toAbsolutePath().toString());
        assertThat(e.problem()).isEqualTo("is missing");
        assertThat(e.getMessage()).isEqualTo("Data file " + data.resolve(LABELS).toAbsolutePath() + " is missing");
    }

    @Test
    void fileThatIsNotGzipIsNamed() throws IOException {
        Files.writeString(data.resolve(IMAGES), "not the images");
        copyBundled(LABELS, LABELS);

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).endsWith(IMAGES);
        assertThat(e.problem()).isEqualTo("is not a valid gzip file: Not in GZIP format");
    }

    @Test
    void truncatedDownloadIsNamed() throws IOException {
        byte[] whole = bundled(IMAGES);
        Files.write(data.resolve(IMAGES), Arrays.copyOf(whole, whole.length / 2));
        copyBundled(LABELS, LABELS);

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).endsWith(IMAGES);
        assertThat(e.problem()).isEqualTo("is not a valid gzip file: Unexpected end of ZLIB input stream");
    }

    @Test
    void idxFileCutShortBeforeCompressionIsNamed() throws IOException {
        copyBundled(IMAGES, IMAGES);
        byte[] labels = gunzip(bundled(LABELS));
        Files.write(data.resolve(LABELS), gzip(Arrays.copyOf(labels, labels.length - 1)));

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).endsWith(LABELS);
        assertThat(e.problem()).isEqualTo("is not Fashion-MNIST IDX data: it declares 10000 records,"
                + " which take 10008 bytes, but holds 10007 bytes (truncated or padded)");
    }

    @Test
    void labelsUnderTheImagesNameAreNamed() throws IOException {
        copyBundled(LABELS, IMAGES);
        copyBundled(LABELS, LABELS);

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).endsWith(IMAGES);
        assertThat(e.problem()).isEqualTo("is not Fashion-MNIST IDX data: it starts with magic number 2049,"
                + " expected 2051 for IDX images (wrong file under this name?)");
    }

    @Test
    void labelsOfAnotherSetAreNamed() throws IOException {
        copyBundled(IMAGES, IMAGES);
        copyBundled("train-labels-idx1-ubyte.gz", LABELS);

        InvalidDataFileException e = unpackFails();

        assertThat(e.file()).endsWith(LABELS);
        assertThat(e.problem()).isEqualTo("holds 60000 labels but " + IMAGES + " holds 10000 images");
    }

    private InvalidDataFileException unpackFails() {
        return catchThrowableOfType(InvalidDataFileException.class,
                () -> new FashionMnistFiles(data).unpack(Usage.TEST, unpacked));
    }

    private void copyBundled(String bundledName, String asName) throws IOException {
        Files.write(data.resolve(asName), bundled(bundledName));
    }

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = new ClassPathResource(FashionMnistFiles.BUNDLED + name).getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

}
