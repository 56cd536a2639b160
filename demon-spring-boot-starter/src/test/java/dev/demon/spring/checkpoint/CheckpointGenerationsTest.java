package dev.demon.spring.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.GenerationLease;
import dev.demon.spring.testing.TakenOverLease;

/**
 * Each holder of a job's lease writes checkpoints under names of its generation, so a
 * holder paused between its check and its write cannot replace or delete a newer
 * holder's; resuming takes the most advanced checkpoint of any generation.
 */
class CheckpointGenerationsTest {

    @TempDir
    Path folder;

    /**
     * A checkpoint of a finished epoch whose parameters say which generation wrote it.
     */
    private static Checkpoint checkpoint(int epoch, long generation) {
        List<EpochSummary> history = IntStream.rangeClosed(1, epoch)
            .mapToObj(e -> new EpochSummary(e, 1f / e, 0.5f, 1.1f / e, 0.4f, 0.9f, 0.01f, 1000))
            .toList();
        TrainingState state = new TrainingState("p", epoch, 10L * epoch, 30, 10, Map.of("01Linear_weight", "id"),
                history, null);
        return new Checkpoint(state, new byte[] { (byte) epoch, (byte) generation }, new byte[] { 9 });
    }

    /** A checkpoint after {@code batches} batches of epoch {@code epoch}. */
    private static Checkpoint inside(int epoch, long batches, long generation) {
        TrainingState finished = checkpoint(epoch - 1, generation).state();
        TrainingState state = new TrainingState("p", epoch - 1, 10L * (epoch - 1) + batches, 30, 10,
                finished.parameterIds(), finished.history(), new EpochProgress(epoch, batches, 16 * batches,
                        1_000_000 * batches, 0.25f * batches, 9 * batches, 16 * batches));
        return new Checkpoint(state, new byte[] { (byte) epoch, (byte) generation, (byte) batches }, new byte[] { 8 });
    }

    private static CheckpointStore store(Path folder, long generation) {
        return new CheckpointStore(folder, new GenerationLease(generation));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(this.folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private Map<String, byte[]> contents() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String name : names()) {
            contents.put(name, Files.readAllBytes(this.folder.resolve(name)));
        }
        return contents;
    }

    @Test
    void checkpointIsNamedForItsEpochAndItsWritersGeneration() throws IOException {
        assertThat(store(this.folder, 5).save(checkpoint(3, 5))).hasFileName("epoch-0003.g000005.ckpt");
        assertThat(store(this.folder, 5).save(inside(4, 50, 5))).hasFileName("epoch-0004-batch-000050.g000005.ckpt");
    }

    @Test
    void writerPausedBetweenItsCheckAndItsWriteLeavesTheNewerHoldersCheckpointsAsTheyWere(@TempDir Path database)
            throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            CheckpointStore newer = new CheckpointStore(this.folder, lease.newer());
            Map<String, byte[]> newerWrote = new LinkedHashMap<>();
            // The older holder has checked the folder (nothing newer yet) and is paused,
            // as by a GC pause or SIGSTOP, while the newer one resumes and writes.
            CheckpointStore paused = new CheckpointStore(this.folder, lease.older(), target -> {
                newer.save(checkpoint(2, 2));
                newer.save(checkpoint(3, 2));
                newer.save(inside(4, 5, 2));
                newerWrote.putAll(contents());
            });
            new CheckpointStore(this.folder, lease.older()).save(checkpoint(1, 1));
            new CheckpointStore(this.folder, lease.older()).save(checkpoint(2, 1));

            paused.save(checkpoint(3, 1));

            assertThat(newerWrote).containsOnlyKeys("epoch-0001.g000001.ckpt", "epoch-0002.g000001.ckpt",
                    "epoch-0003.g000002.ckpt", "epoch-0004-batch-000005.g000002.ckpt");
            Map<String, byte[]> now = contents();
            for (String file : List.of("epoch-0003.g000002.ckpt", "epoch-0004-batch-000005.g000002.ckpt")) {
                assertThat(now.get(file)).as(file).isEqualTo(newerWrote.get(file));
            }
            assertThat(names()).containsExactly("epoch-0002.g000001.ckpt", "epoch-0003.g000001.ckpt",
                    "epoch-0003.g000002.ckpt", "epoch-0004-batch-000005.g000002.ckpt");
            assertThat(newer.latest(Integer.MAX_VALUE).orElseThrow().parameters()).containsExactly(4, 2, 5);
            assertThat(newer.ofEpoch(3).orElseThrow().parameters()).containsExactly(3, 2);
        }
    }

    @Test
    void resumeTakesTheMostAdvancedCheckpointOfAnyGeneration() throws IOException {
        store(this.folder, 4).save(checkpoint(3, 4));
        store(this.folder, 4).save(inside(4, 7, 4));
        store(this.folder, 5).save(checkpoint(2, 5));
        store(this.folder, 5).save(inside(3, 2, 5));

        assertThat(store(this.folder, 6).latest(Integer.MAX_VALUE).orElseThrow().parameters()).containsExactly(4, 4, 7);
        assertThat(store(this.folder, 6).latest(2).orElseThrow().parameters()).containsExactly(3, 5, 2);
    }

    @Test
    void ofTwoCheckpointsAsFarTheNewerGenerationsIsTaken() throws IOException {
        store(this.folder, 4).save(checkpoint(3, 4));
        store(this.folder, 5).save(checkpoint(3, 5));

        assertThat(store(this.folder, 6).latest(Integer.MAX_VALUE).orElseThrow().parameters()).containsExactly(3, 5);
        assertThat(store(this.folder, 6).ofEpoch(3).orElseThrow().parameters()).containsExactly(3, 5);
    }

    @Test
    void aWriterPrunesOnlyCheckpointsOfItsOwnGeneration() throws IOException {
        store(this.folder, 1).save(checkpoint(1, 1));
        store(this.folder, 1).save(checkpoint(2, 1));
        for (int epoch = 3; epoch <= 6; epoch++) {
            store(this.folder, 2).save(checkpoint(epoch, 2), 3);
        }

        assertThat(names()).containsExactly("epoch-0001.g000001.ckpt", "epoch-0002.g000001.ckpt",
                "epoch-0003.g000002.ckpt", "epoch-0005.g000002.ckpt", "epoch-0006.g000002.ckpt");
    }

    @Test
    void checkpointNamedWithoutAGenerationIsGenerationZeroAndStillResumes() throws IOException {
        Path old = new CheckpointStore(this.folder).save(checkpoint(2, 0));

        assertThat(old).hasFileName("epoch-0002.ckpt");
        assertThat(CheckpointStore.generationOfName(old)).isZero();
        assertThat(store(this.folder, 3).latest(Integer.MAX_VALUE).orElseThrow().parameters()).containsExactly(2, 0);
        store(this.folder, 3).save(checkpoint(2, 3));
        assertThat(store(this.folder, 3).ofEpoch(2).orElseThrow().parameters()).containsExactly(2, 3);
    }

    @Test
    void completionDeletesTheCheckpointsOfOlderGenerations() throws IOException {
        new CheckpointStore(this.folder).save(checkpoint(1, 0));
        store(this.folder, 1).save(checkpoint(2, 1));
        store(this.folder, 2).save(checkpoint(3, 2));
        store(this.folder, 2).save(checkpoint(4, 2));

        List<Path> deleted = store(this.folder, 2).deleteSupersededGenerations();

        assertThat(deleted).extracting(file -> file.getFileName().toString())
            .containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.ckpt");
        assertThat(names()).containsExactly("epoch-0003.g000002.ckpt", "epoch-0004.g000002.ckpt");
    }

    @Test
    void completionFromAnOlderGenerationsCheckpointsKeepsThem() throws IOException {
        store(this.folder, 1).save(checkpoint(1, 1));
        store(this.folder, 2).save(checkpoint(2, 2));

        // Generation 3 completes from generation 2's checkpoints, having trained nothing.
        assertThat(store(this.folder, 3).deleteSupersededGenerations())
            .extracting(file -> file.getFileName().toString())
            .containsExactly("epoch-0001.g000001.ckpt");
        assertThat(names()).containsExactly("epoch-0002.g000002.ckpt");
    }

    @Test
    void holderWhoseLeaseWasTakenOverDeletesNothingOnCompletion() throws IOException {
        store(this.folder, 1).save(checkpoint(1, 1));
        store(this.folder, 2).save(checkpoint(2, 2));
        store(this.folder, 4).save(inside(3, 1, 4));

        assertThat(store(this.folder, 3).deleteSupersededGenerations()).isEmpty();
        assertThat(names()).containsExactly("epoch-0001.g000001.ckpt", "epoch-0002.g000002.ckpt",
                "epoch-0003-batch-000001.g000004.ckpt");
    }

}
