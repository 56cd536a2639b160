package dev.demon.spring.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.testing.GenerationLease;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;
import dev.demon.spring.workspace.WriteWindow;

/**
 * The champion pointer: a new file per promoting holder, under its generation's name, the
 * newest generation's in force; {@link ChampionFolder} serves the version it names, and
 * without one the newest {@code best-model}, as before versions.
 */
class ChampionPointerTest {

    @TempDir
    Path root;

    private PipelineFolder pipeline() {
        return new Workspace(root).pipeline("synthetic");
    }

    private static ChampionPointer pointer(String version, long generation) {
        return new ChampionPointer(version, 3L, 9, generation, "2026-12-05T06:00:00Z");
    }

    @Test
    void aPointerIsWrittenUnderItsHoldersGenerationAndReadBack() throws IOException {
        Path file = pointer("run-3.g000002", 2).write(pipeline(), new GenerationLease(2), WriteWindow.NONE);
        assertThat(file).isEqualTo(pipeline().folder().resolve("champion.g000002.json"));
        assertThat(ChampionPointer.read(pipeline())).contains(pointer("run-3.g000002", 2));
    }

    @Test
    void aNewerPointerSupersedesAndDeletesTheOlderOnes() throws IOException {
        pointer("run-1.g000001", 1).write(pipeline(), new GenerationLease(1), WriteWindow.NONE);
        pointer("run-2.g000002", 2).write(pipeline(), new GenerationLease(2), WriteWindow.NONE);
        assertThat(ChampionPointer.read(pipeline()).orElseThrow().version()).isEqualTo("run-2.g000002");
        assertThat(pointerFiles()).containsExactly("champion.g000002.json");
    }

    @Test
    void anOlderHolderIsRefusedOnceANewerOneHasWritten() throws IOException {
        pointer("run-2.g000002", 2).write(pipeline(), new GenerationLease(2), WriteWindow.NONE);
        assertThatExceptionOfType(LeaseLostException.class)
            .isThrownBy(() -> pointer("run-1.g000001", 1).write(pipeline(), new GenerationLease(1), WriteWindow.NONE));
        assertThat(pointerFiles()).containsExactly("champion.g000002.json");
    }

    @Test
    void anOlderHolderPausedPastItsCheckNeitherReplacesNorOutranksTheNewerPointer() throws IOException {
        WriteWindow newerWritesMeanwhile = target -> pointer("run-2.g000002", 2).write(pipeline(),
                new GenerationLease(2), WriteWindow.NONE);
        pointer("run-1.g000001", 1).write(pipeline(), new GenerationLease(1), newerWritesMeanwhile);
        assertThat(ChampionPointer.read(pipeline()).orElseThrow().version()).isEqualTo("run-2.g000002");
        assertThat(ChampionPointer.read(pipeline().championName().of(2))).isEqualTo(pointer("run-2.g000002", 2));
    }

    @Test
    void withoutAPointerTheNewestBestModelIsServed() throws IOException {
        Files.createDirectories(pipeline().bestModel(4));
        Files.createDirectories(pipeline().bestModel(5));
        assertThat(new ChampionFolder(pipeline()).now()).isEqualTo(pipeline().bestModel(5));
    }

    @Test
    void withAPointerItsVersionIsServedWhateverBestModelIsNewer() throws IOException {
        Files.createDirectories(pipeline().bestModel(5));
        pointer("run-1.g000004", 4).write(pipeline(), new GenerationLease(4), WriteWindow.NONE);
        assertThat(new ChampionFolder(pipeline()).now()).isEqualTo(pipeline().versions().resolve("run-1.g000004"));
    }

    @Test
    void theServedFolderFollowsANewPointer() throws IOException {
        ChampionFolder champion = new ChampionFolder(pipeline());
        pointer("run-1.g000001", 1).write(pipeline(), new GenerationLease(1), WriteWindow.NONE);
        assertThat(champion.now()).isEqualTo(pipeline().version("run-1.g000001"));
        pointer("run-2.g000002", 2).write(pipeline(), new GenerationLease(2), WriteWindow.NONE);
        assertThat(champion.now()).isEqualTo(pipeline().version("run-2.g000002"));
    }

    @Test
    void aPointerNamingNoVersionFolderNameFallsBackToTheBestModel() throws IOException {
        pointer("../elsewhere", 1).write(pipeline(), new GenerationLease(1), WriteWindow.NONE);
        assertThat(new ChampionFolder(pipeline()).now()).isEqualTo(pipeline().bestModel());
    }

    private java.util.List<String> pointerFiles() throws IOException {
        try (Stream<Path> files = Files.list(pipeline().folder())) {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.startsWith("champion"))
                .toList();
        }
    }

}
