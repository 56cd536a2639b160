package dev.demon.spring.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.TakenOverLease;

class CheckpointStoreTest {

    @TempDir
    Path folder;

    private static Checkpoint checkpoint(int epoch) {
        List<EpochSummary> history = java.util.stream.IntStream.rangeClosed(1, epoch)
            .mapToObj(e -> new EpochSummary(e, 1f / e, 0.5f, 1.1f / e, 0.4f, 0.9f, 0.01f, 1000))
            .toList();
        TrainingState state = new TrainingState("p", epoch, 10L * epoch, 30, 10,
                Map.of("01Linear_weight", "id-" + epoch), history, null);
        return new Checkpoint(state, new byte[] { 1, 2, (byte) epoch }, new byte[] { 9, (byte) epoch });
    }

    /** A checkpoint taken after {@code batches} batches of epoch {@code epoch}. */
    private static Checkpoint inside(int epoch, long batches) {
        TrainingState finished = checkpoint(epoch - 1).state();
        TrainingState state = new TrainingState("p", epoch - 1, 10L * (epoch - 1) + batches, 30, 10,
                finished.parameterIds(), finished.history(), new EpochProgress(epoch, batches, 16 * batches,
                        1_000_000 * batches, 0.25f * batches, 9 * batches, 16 * batches));
        return new Checkpoint(state, new byte[] { 3, (byte) batches }, new byte[] { 8 });
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }

    @Test
    void readsBackWhatItSaved() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        Path file = store.save(checkpoint(2));
        Checkpoint read = store.read(file);
        assertThat(read.state()).isEqualTo(checkpoint(2).state());
        assertThat(read.parameters()).containsExactly(1, 2, 2);
        assertThat(read.optimizerState()).containsExactly(9, 2);
    }

    @Test
    void readsCheckpointsThatNameTheUpdateCountersAsBeforeTheUpdateWording() throws IOException {
        // The state of a checkpoint written before the counters were renamed: globalStep,
        // totalSteps.
        String state = "{\"pipeline\":\"p\",\"epoch\":1,\"globalStep\":10,\"totalSteps\":30,\"batchesPerEpoch\":10,"
                + "\"parameterIds\":{\"01Linear_weight\":\"id-1\"},\"history\":[],\"progress\":null}";
        Path file = folder.resolve("epoch-0001.ckpt");
        Files.write(file,
                formatVersion1(state.getBytes(StandardCharsets.UTF_8), new byte[] { 1, 2 }, new byte[] { 9 }));
        TrainingState read = new CheckpointStore(folder).read(file).state();
        assertThat(read.updatesDone()).isEqualTo(10);
        assertThat(read.totalUpdates()).isEqualTo(30);
        assertThat(read.batchesPerEpoch()).isEqualTo(10);
    }

    @Test
    void writesTheUpdateCountersUnderTheirUpdateNames() throws IOException {
        String file = new String(Files.readAllBytes(new CheckpointStore(folder).save(checkpoint(1))),
                StandardCharsets.ISO_8859_1);
        assertThat(file).contains("\"updatesDone\":10", "\"totalUpdates\":30").doesNotContain("globalStep");
    }

    /** The bytes of a checkpoint file in format version 1, as documented on the store. */
    private static byte[] formatVersion1(byte[] state, byte[] parameters, byte[] optimizerState) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.write("DEMONCKP".getBytes(StandardCharsets.US_ASCII));
        data.writeInt(1);
        data.writeInt(state.length);
        data.write(state);
        data.writeLong(parameters.length);
        data.write(parameters);
        data.writeLong(optimizerState.length);
        data.write(optimizerState);
        data.flush();
        try {
            data.write(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        return bytes.toByteArray();
    }

    @Test
    void keepsTheNewestTwoCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        for (int epoch = 1; epoch <= 4; epoch++) {
            store.save(checkpoint(epoch));
        }
        assertThat(names(store.files())).containsExactly("epoch-0004.ckpt", "epoch-0003.ckpt");
        assertThat(Files.list(folder).map(file -> file.getFileName().toString()).toList())
            .containsExactlyInAnyOrder("epoch-0004.ckpt", "epoch-0003.ckpt");
    }

    @Test
    void keepsTheBestEpochsCheckpointBesideTheNewestTwo() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        for (int epoch = 1; epoch <= 5; epoch++) {
            store.save(checkpoint(epoch), 1);
        }
        assertThat(names(store.files())).containsExactly("epoch-0005.ckpt", "epoch-0004.ckpt", "epoch-0001.ckpt");
    }

    @Test
    void ofEpochReadsThatEpochsCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        store.save(checkpoint(2));
        assertThat(store.ofEpoch(1)).get().extracting(c -> c.state().epoch()).isEqualTo(1);
        assertThat(store.ofEpoch(3)).isEmpty();
    }

    @Test
    void latestIsTheNewestEpoch() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        store.save(checkpoint(2));
        assertThat(store.latest(Integer.MAX_VALUE)).get().extracting(c -> c.state().epoch()).isEqualTo(2);
    }

    @Test
    void latestIgnoresEpochsAfterTheLimit() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        store.save(checkpoint(2));
        assertThat(store.latest(1)).get().extracting(c -> c.state().epoch()).isEqualTo(1);
        assertThat(store.latest(0)).isEmpty();
    }

    @Test
    void midEpochCheckpointIsNamedAfterItsEpochAndBatches() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        assertThat(store.save(inside(3, 50)).getFileName()).hasToString("epoch-0003-batch-000050.ckpt");
    }

    @Test
    void midEpochCheckpointReadsBackWithItsProgress() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        Checkpoint read = store.read(store.save(inside(3, 50)));
        assertThat(read.state()).isEqualTo(inside(3, 50).state());
        assertThat(read.state().position()).isEqualTo("after batch 50 of epoch 3");
    }

    @Test
    void checkpointsAreOrderedByHowFarTrainingHadGot() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(2), 2);
        store.save(inside(3, 9), 2);
        store.save(inside(3, 10), 2);
        assertThat(names(store.files())).containsExactly("epoch-0003-batch-000010.ckpt", "epoch-0003-batch-000009.ckpt",
                "epoch-0002.ckpt");
    }

    @Test
    void epochEndComesAfterEveryCheckpointInsideThatEpoch() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(inside(3, 9));
        store.save(checkpoint(3));
        assertThat(store.latest(Integer.MAX_VALUE)).get().extracting(c -> c.state().isMidEpoch()).isEqualTo(false);
    }

    @Test
    void latestWithTheEpochsFinishedIncludesCheckpointsInsideTheNextEpoch() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        store.save(inside(2, 4));
        store.save(checkpoint(2));
        assertThat(store.latest(1)).get().extracting(c -> c.state().position()).isEqualTo("after batch 4 of epoch 2");
    }

    @Test
    void ofEpochIgnoresCheckpointsInsideThatEpoch() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(inside(1, 4));
        assertThat(store.ofEpoch(1)).isEmpty();
    }

    @Test
    void failedWriteLeavesThePreviousCheckpointUsable() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        // A folder where the new file must go makes the atomic rename fail, as a full
        // disk would make the write fail.
        Files.createDirectories(folder.resolve("epoch-0002.ckpt").resolve("in-the-way"));
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.save(checkpoint(2)));
        assertThat(store.ofEpoch(1)).get().extracting(c -> c.state().epoch()).isEqualTo(1);
        try (var left = Files.list(folder)) {
            assertThat(left.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("epoch-0001.ckpt",
                    "epoch-0002.ckpt");
        }
    }

    @Test
    void truncatedLatestFallsBackToThePreviousOne() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        Path latest = store.save(checkpoint(2));
        byte[] bytes = Files.readAllBytes(latest);
        Files.write(latest, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThat(store.latest(Integer.MAX_VALUE)).get().extracting(c -> c.state().epoch()).isEqualTo(1);
    }

    @Test
    void alteredByteIsDetected() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        Path file = store.save(checkpoint(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatExceptionOfType(CorruptCheckpointException.class).isThrownBy(() -> store.read(file))
            .withMessageContaining("SHA-256 checksum mismatch");
    }

    @Test
    void emptyFileIsDetected() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        Path file = folder.resolve("epoch-0001.ckpt");
        Files.createFile(file);
        assertThatExceptionOfType(CorruptCheckpointException.class).isThrownBy(() -> store.read(file))
            .withMessageContaining("only 0 bytes");
        assertThat(store.latest(Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void noFolderMeansNoCheckpoint() throws IOException {
        assertThat(new CheckpointStore(folder.resolve("missing")).latest(Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void clearDeletesEveryCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(folder);
        store.save(checkpoint(1));
        store.save(checkpoint(2));
        store.clear();
        assertThat(store.files()).isEmpty();
    }

    @Test
    void checkpointRecordsTheGenerationOfItsWritersLease(@TempDir Path database) throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            Path file = new CheckpointStore(folder, lease.newer()).save(checkpoint(1));
            assertThat(CheckpointStore.generationOf(file)).isEqualTo(2);
        }
    }

    @Test
    void writerWhoseLeaseWasTakenOverCannotReplaceTheNewerHoldersCheckpoints(@TempDir Path database)
            throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            new CheckpointStore(folder, lease.newer()).save(checkpoint(1));
            new CheckpointStore(folder, lease.newer()).save(checkpoint(2));
            CheckpointStore stale = new CheckpointStore(folder, lease.older());
            assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> stale.save(checkpoint(3)))
                .withMessageContaining("was written by a newer holder of its lease (generation 2, this process holds "
                        + "generation 1)");
            assertThat(names(stale.files())).containsExactly("epoch-0002.g000002.ckpt", "epoch-0001.g000002.ckpt");
        }
    }

    @Test
    void writerFencedOnceStaysFencedWhereNoNewerCheckpointLies(@TempDir Path database, @TempDir Path otherRun)
            throws IOException {
        try (TakenOverLease lease = TakenOverLease.in(database)) {
            new CheckpointStore(folder, lease.newer()).save(checkpoint(1));
            assertThatExceptionOfType(LeaseLostException.class)
                .isThrownBy(() -> new CheckpointStore(folder, lease.older()).save(checkpoint(2)));
            assertThatExceptionOfType(LeaseLostException.class)
                .isThrownBy(() -> new CheckpointStore(otherRun, lease.older()).save(checkpoint(2)));
            assertThat(new CheckpointStore(otherRun).files()).isEmpty();
        }
    }

    @Test
    void checkpointOfTheFormatBeforeGenerationsReadsBackWithGenerationZero() throws IOException {
        Path file = new CheckpointStore(folder).save(checkpoint(1));
        byte[] bytes = Files.readAllBytes(file);
        // Version 1: the same layout without the 8 bytes of the generation, re-digested.
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        old.write(bytes, 0, 8);
        old.write(new byte[] { 0, 0, 0, 1 });
        old.write(bytes, 20, bytes.length - 20 - 32);
        byte[] body = old.toByteArray();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            old.write(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        Files.write(file, old.toByteArray());
        assertThat(CheckpointStore.generationOf(file)).isZero();
        assertThat(new CheckpointStore(folder).read(file).state()).isEqualTo(checkpoint(1).state());
    }

}
