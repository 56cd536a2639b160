package dev.demon.spring.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.testing.GenerationLease;

/**
 * Each holder of a lease writes under a name carrying its generation; readers take the
 * newest generation's; a name without one is generation 0.
 */
class GenerationalNameTest {

    @TempDir
    Path dir;

    private GenerationalName report() {
        return new GenerationalName(this.dir, "report", ".json");
    }

    private GenerationalName bestModel() {
        return new GenerationalName(this.dir, "best-model", "");
    }

    @Test
    void aGenerationIsWrittenWithSixDigitsAtLeast() {
        assertThat(report().of(5)).isEqualTo(this.dir.resolve("report.g000005.json"));
        assertThat(bestModel().of(1234567)).isEqualTo(this.dir.resolve("best-model.g1234567"));
    }

    @Test
    void generationZeroIsTheNameWithoutAGeneration() {
        assertThat(report().of(0)).isEqualTo(this.dir.resolve("report.json"));
    }

    @Test
    void readersTakeTheHighestGenerationByNumberNotByText() throws IOException {
        Files.createDirectories(bestModel().of(0));
        Files.createDirectories(bestModel().of(999999));
        Files.createDirectories(bestModel().of(1000000));

        assertThat(bestModel().newest()).isEqualTo(this.dir.resolve("best-model.g1000000"));
        assertThat(bestModel().newestGeneration()).isEqualTo(1000000);
    }

    @Test
    void whenThereIsNoneTheReaderGetsTheNameOfGenerationZero() {
        assertThat(report().newest()).isEqualTo(this.dir.resolve("report.json")).doesNotExist();
    }

    @Test
    void otherNamesTemporaryFilesAndFoldersSetAsideAreNotOfTheName() throws IOException {
        for (String name : List.of("model.g000009", "best-model.g000008", ".best-model.g000007.old",
                ".best-model.g000006.1b4e.tmp", "best-model.g000005.tmp")) {
            Files.createDirectories(this.dir.resolve(name));
        }

        assertThat(new GenerationalName(this.dir, "model", "").all())
            .containsExactly(this.dir.resolve("model.g000009"));
        assertThat(bestModel().all()).containsExactly(this.dir.resolve("best-model.g000008"));
    }

    @Test
    void theNewestFolderOfAFolderNamedAsGenerationZeroIsItsHighestGeneration() throws IOException {
        Files.createDirectories(bestModel().of(2));
        Files.createDirectories(bestModel().of(3));

        assertThat(GenerationalName.newestFolder(this.dir.resolve("best-model"))).isEqualTo(bestModel().of(3));
    }

    @Test
    void aNameWithAnyStemSplitsIntoStemAndGeneration() {
        assertThat(GenerationalName.Parsed.of("epoch-0004-batch-000050.g000012.ckpt", ".ckpt"))
            .contains(new GenerationalName.Parsed("epoch-0004-batch-000050", 12));
        assertThat(GenerationalName.Parsed.of("epoch-0004.ckpt", ".ckpt"))
            .contains(new GenerationalName.Parsed("epoch-0004", 0));
        assertThat(GenerationalName.Parsed.of(".epoch-0004.ckpt.2f1c.tmp", ".ckpt")).isEmpty();
    }

    @Test
    void aWriterDeletesOnlyTheEntriesOfOlderGenerationsThanItsOwn() throws IOException {
        for (long generation : new long[] { 0, 3, 4, 5 }) {
            Files.createDirectories(bestModel().of(generation)).resolve("p-0001.params").toFile().createNewFile();
        }

        List<Path> deleted = bestModel().deleteOlderThan(4);

        assertThat(deleted).containsExactly(bestModel().of(3), bestModel().of(0));
        assertThat(bestModel().all()).containsExactly(bestModel().of(5), bestModel().of(4));
    }

    @Test
    void aNewRunDeletesWhatAnotherJobRepositoryLeftOfAHigherGeneration() throws IOException {
        Files.writeString(report().of(7), "{}");
        Files.createDirectories(bestModel().of(7)).resolve("p-0001.params").toFile().createNewFile();
        Files.writeString(report().of(1), "{}");
        Files.writeString(report().of(0), "{}");

        List<Path> deleted = GenerationalName.deleteOfAnotherJobRepository(List.of(report(), bestModel()),
                new GenerationLease(2));

        assertThat(deleted).containsExactly(report().of(7), bestModel().of(7));
        assertThat(report().all()).containsExactly(report().of(1), report().of(0));
        assertThat(bestModel().all()).isEmpty();
    }

    @Test
    void aNewRunThatCannotProveItsLeaseDeletesNothing() throws IOException {
        Files.writeString(report().of(7), "{}");
        assertThatExceptionOfType(LeaseLostException.class)
            .isThrownBy(() -> GenerationalName.deleteOfAnotherJobRepository(List.of(report()), new Lease() {

                @Override
                public long generation() {
                    return 2;
                }

                @Override
                public void requireHeld() {
                    throw new LeaseLostException("synthetic", "its lease was taken over");
                }

                @Override
                public void close() {
                }

            }));
        assertThat(report().of(7)).exists();
    }

}
