package dev.demon.spring.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder replaced with {@link AtomicFiles#replaceFolder} is either the old one or the
 * complete new one.
 */
class AtomicFilesTest {

    @TempDir
    Path parent;

    @Test
    void replaceFolderPutsTheNewFilesInPlaceOfTheOld() throws IOException {
        Path target = parent.resolve("model");
        AtomicFiles.replaceFolder(target, folder -> Files.writeString(folder.resolve("m-0001.params"), "old"));

        AtomicFiles.replaceFolder(target, folder -> Files.writeString(folder.resolve("m-0002.params"), "new"));

        assertThat(names(target)).containsExactly("m-0002.params");
        assertThat(target.resolve("m-0002.params")).hasContent("new");
        assertThat(names(parent)).containsExactly("model");
    }

    @Test
    void copyFolderReplacesTheTargetWithTheSourcesFiles() throws IOException {
        Path source = parent.resolve("model");
        AtomicFiles.replaceFolder(source, folder -> {
            Files.writeString(folder.resolve("m-0002.params"), "trained");
            Files.writeString(folder.resolve("serving.properties"), "engine=MXNet");
        });
        Path target = parent.resolve("best-model");
        AtomicFiles.replaceFolder(target, folder -> Files.writeString(folder.resolve("m-0001.params"), "old"));

        AtomicFiles.copyFolder(source, target);

        assertThat(names(target)).containsExactly("m-0002.params", "serving.properties");
        assertThat(target.resolve("m-0002.params")).hasContent("trained");
        assertThat(target.resolve("serving.properties")).hasContent("engine=MXNet");
        assertThat(names(source)).containsExactly("m-0002.params", "serving.properties");
        assertThat(names(parent)).containsExactly("best-model", "model");
    }

    @Test
    void failedWriteLeavesTheOldFolderAsItWas() throws IOException {
        Path target = parent.resolve("model");
        AtomicFiles.replaceFolder(target, folder -> Files.writeString(folder.resolve("m-0001.params"), "old"));

        assertThatThrownBy(() -> AtomicFiles.replaceFolder(target, folder -> {
            Files.writeString(folder.resolve("m-0002.params"), "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(names(target)).containsExactly("m-0001.params");
        assertThat(names(parent)).containsExactly("model");
    }

    @Test
    void recoverFolderPutsBackAFolderLeftAsideByAnInterruptedReplace() throws IOException {
        Path aside = Files.createDirectory(parent.resolve(".model.old"));
        Files.writeString(aside.resolve("m-0001.params"), "old");

        AtomicFiles.recoverFolder(parent.resolve("model"));

        assertThat(names(parent.resolve("model"))).containsExactly("m-0001.params");
        assertThat(names(parent)).containsExactly("model");
    }

    @Test
    void readerReadsTheTargetFolder() throws IOException {
        Path target = parent.resolve("model");
        AtomicFiles.replaceFolder(target, folder -> Files.writeString(folder.resolve("m-0001.params"), "new"));

        assertThat(AtomicFiles.readableFolder(target)).contains(target);
    }

    @Test
    void readerReadsTheFolderAnInterruptedReplaceLeftAsideAndLeavesItThere() throws IOException {
        Path aside = Files.createDirectory(parent.resolve(".model.old"));
        Files.writeString(aside.resolve("m-0001.params"), "old");

        assertThat(AtomicFiles.readableFolder(parent.resolve("model"))).contains(aside);
        assertThat(names(parent)).containsExactly(".model.old");
    }

    @Test
    void readerFindsNothingBeforeTheFirstReplace() {
        assertThat(AtomicFiles.readableFolder(parent.resolve("model"))).isEmpty();
    }

    private static String[] names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

}
