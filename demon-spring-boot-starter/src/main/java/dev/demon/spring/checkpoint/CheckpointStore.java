package dev.demon.spring.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;

/**
 * The checkpoints of one training run in a folder of their own: one file per finished
 * epoch ({@code epoch-0003.ckpt}) and the mid-epoch ones
 * ({@code epoch-0004-batch-000050.ckpt}: 50 batches of epoch 4 trained), ordered by how
 * far training had got. The newest two are kept, so that when the latest one turns out to
 * be corrupt (a disk that lost its last write, a file truncated by hand) training resumes
 * from the one before, and so is the best epoch's, whose parameters become the best model
 * when the run completes.
 *
 * <p>
 * File layout, big-endian ({@link DataOutputStream}):
 *
 * <pre>
 *   "DEMONCKP"  format version (int)
 *   lease generation (long, from version 2 on)
 *   state length (int)  state as UTF-8 JSON ({@link TrainingState})
 *   parameters length (long)  parameters
 *   optimizer state length (long)  optimizer state
 *   SHA-256 of every byte above (32 bytes)
 * </pre>
 *
 * <p>
 * Each file is written with {@link AtomicFiles}, so a crash while writing leaves the
 * previous checkpoints intact; the checksum catches what the file system did not.
 *
 * <p>
 * A store writes for the holder of the job's {@link Lease}: each file records the lease's
 * generation, and a store refuses to write (and fences its lease) when a file of the
 * folder holds a newer generation than its own, or when the lease cannot be proved, so a
 * process whose lease was taken over cannot replace or delete the new holder's
 * checkpoints.
 */
public class CheckpointStore {

    private static final Logger logger = LoggerFactory.getLogger(CheckpointStore.class);

    private static final byte[] MAGIC = "DEMONCKP".getBytes(StandardCharsets.US_ASCII);

    private static final int FORMAT_VERSION = 2;

    /** The version before files recorded the lease generation. */
    private static final int UNFENCED_VERSION = 1;

    private static final int DIGEST_LENGTH = 32;

    private static final Pattern FILE_NAME = Pattern.compile("epoch-(\\d+)(?:-batch-(\\d+))?\\.ckpt");

    /** How far training had got: epochs finished, then batches of the next one. */
    private static final Comparator<Path> NEWEST_FIRST = Comparator.comparingInt(CheckpointStore::epochsDoneOf)
        .thenComparingLong(CheckpointStore::batchesOf)
        .reversed();

    private static final int KEPT = 2;

    private final Path folder;

    private final Lease lease;

    private final JsonMapper mapper = JsonMapper.builder().build();

    /**
     * Creates a store over a folder, which is created on the first save, whose writes no
     * lease fences: for reading, and for jobs that run without leases.
     * @param folder the run's checkpoint folder
     */
    public CheckpointStore(Path folder) {
        this(folder, Lease.none());
    }

    /**
     * Creates a store over a folder, which is created on the first save, writing for the
     * holder of a lease.
     * @param folder the run's checkpoint folder
     * @param lease the lease of the job, whose generation each checkpoint records
     */
    public CheckpointStore(Path folder, Lease lease) {
        this.folder = folder;
        this.lease = lease;
    }

    /**
     * Returns the folder.
     * @return the folder of this run's checkpoints
     */
    public Path getFolder() {
        return folder;
    }

    /**
     * Writes a checkpoint, then deletes all but the newest two.
     * @param checkpoint the checkpoint
     * @return the file written
     * @throws IOException when it cannot be written; earlier checkpoints are then
     * untouched
     */
    public Path save(Checkpoint checkpoint) throws IOException {
        return save(checkpoint, checkpoint.state().epoch());
    }

    /**
     * Writes a checkpoint (of a finished epoch, or taken inside one), then deletes all
     * but the newest two and the one of {@code keptEpoch}.
     * @param checkpoint the checkpoint
     * @param keptEpoch an older epoch whose checkpoint must stay (the best one so far),
     * or 0 for none
     * @return the file written
     * @throws IOException when it cannot be written; earlier checkpoints are then
     * untouched
     * @throws LeaseLostException when the lease cannot be proved or a checkpoint here was
     * written by a newer holder; nothing is then written or deleted
     */
    public Path save(Checkpoint checkpoint, int keptEpoch) throws IOException {
        requireNewest();
        Files.createDirectories(folder);
        TrainingState position = checkpoint.state();
        Path file = folder
            .resolve(
                    position.isMidEpoch()
                            ? String.format("epoch-%04d-batch-%06d.ckpt", position.progress().epoch(),
                                    position.progress().batches())
                            : String.format("epoch-%04d.ckpt", position.epoch()));
        byte[] state = mapper.writeValueAsBytes(checkpoint.state());
        AtomicFiles.write(file, out -> {
            MessageDigest digest = sha256();
            DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, digest));
            data.write(MAGIC);
            data.writeInt(FORMAT_VERSION);
            data.writeLong(lease.generation());
            data.writeInt(state.length);
            data.write(state);
            data.writeLong(checkpoint.parameters().length);
            data.write(checkpoint.parameters());
            data.writeLong(checkpoint.optimizerState().length);
            data.write(checkpoint.optimizerState());
            data.flush();
            out.write(digest.digest());
        });
        List<Path> files = files();
        for (Path old : files.subList(Math.min(KEPT, files.size()), files.size())) {
            if (!isEndOf(old, keptEpoch)) {
                Files.deleteIfExists(old);
            }
        }
        return file;
    }

    /**
     * The newest intact checkpoint taken with at most {@code maxEpochsDone} epochs
     * finished: the one of epoch {@code maxEpochsDone}, or a later one taken inside epoch
     * {@code maxEpochsDone + 1}, or an older one. A corrupt file is reported in the log
     * and skipped in favour of the one before.
     * @param maxEpochsDone the most finished epochs the checkpoint may have
     * @return the checkpoint, or empty when there is none to resume from
     * @throws IOException when the folder cannot be listed
     */
    public Optional<Checkpoint> latest(int maxEpochsDone) throws IOException {
        return newestIntact(file -> epochsDoneOf(file) <= maxEpochsDone, "; falling back to the previous checkpoint");
    }

    /**
     * The intact checkpoint written when one epoch ended.
     * @param epoch the 1-based epoch
     * @return its checkpoint, or empty when there is none or it is corrupt (reported in
     * the log)
     * @throws IOException when the folder cannot be listed
     */
    public Optional<Checkpoint> ofEpoch(int epoch) throws IOException {
        return newestIntact(file -> isEndOf(file, epoch), "");
    }

    /**
     * The newest checkpoint file {@code wanted} accepts that reads back intact; a corrupt
     * one is logged.
     */
    private Optional<Checkpoint> newestIntact(Predicate<Path> wanted, String whenCorrupt) throws IOException {
        for (Path file : files()) {
            if (wanted.test(file)) {
                try {
                    return Optional.of(read(file));
                }
                catch (IOException ex) {
                    logger.warn("{}{}", ex.getMessage(), whenCorrupt);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads and verifies one checkpoint file.
     * @param file the file
     * @return its checkpoint
     * @throws CorruptCheckpointException when its checksum or structure is wrong
     * @throws IOException when it cannot be read
     */
    public Checkpoint read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + DIGEST_LENGTH) {
            throw new CorruptCheckpointException(file, "only " + bytes.length + " bytes");
        }
        int body = bytes.length - DIGEST_LENGTH;
        MessageDigest digest = sha256();
        digest.update(bytes, 0, body);
        if (!MessageDigest.isEqual(digest.digest(), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new CorruptCheckpointException(file, "SHA-256 checksum mismatch (truncated or altered)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptCheckpointException(file, "not a Demon checkpoint");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION && version != UNFENCED_VERSION) {
                throw new CorruptCheckpointException(file, "unsupported format version " + version);
            }
            if (version == FORMAT_VERSION) {
                in.readLong();
            }
            TrainingState state = mapper.readValue(readBlock(in, in.readInt()), TrainingState.class);
            byte[] parameters = readBlock(in, in.readLong());
            byte[] optimizerState = readBlock(in, in.readLong());
            return new Checkpoint(state, parameters, optimizerState);
        }
        catch (EOFException | JacksonException ex) {
            throw new CorruptCheckpointException(file, "unreadable content (" + ex.getMessage() + ")");
        }
    }

    /**
     * Fails unless this store's lease may write here: it can be proved, and no checkpoint
     * of the folder was written by a newer holder. Called before every checkpoint, and
     * before a completed run's models are saved from these checkpoints.
     * @throws IOException when the folder cannot be read
     * @throws LeaseLostException otherwise
     */
    public void requireNewest() throws IOException {
        long newest = 0;
        for (Path file : files()) {
            newest = Math.max(newest, generationOf(file));
        }
        lease.requireNewest(newest, "a checkpoint in " + folder);
    }

    /**
     * The lease generation a checkpoint file records, read from its header alone.
     * @param file a checkpoint file
     * @return the generation; 0 for a file from before generations were recorded, or too
     * short to hold one
     * @throws IOException when it cannot be read
     */
    public static long generationOf(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            return Arrays.equals(magic, MAGIC) && in.readInt() == FORMAT_VERSION ? in.readLong() : 0;
        }
        catch (EOFException ex) {
            return 0;
        }
    }

    /**
     * Deletes every checkpoint of this run, for a run that starts from scratch.
     * @throws IOException when a file cannot be deleted
     */
    public void clear() throws IOException {
        for (Path file : files()) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The checkpoint files, newest first: most epochs finished, then most batches of the
     * next one.
     * @return the files
     * @throws IOException when the folder cannot be listed
     */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> FILE_NAME.matcher(file.getFileName().toString()).matches())
                .filter(Files::isRegularFile)
                .sorted(NEWEST_FIRST)
                .toList();
        }
    }

    /** Epochs finished when the checkpoint in {@code file} was taken. */
    private static int epochsDoneOf(Path file) {
        Matcher matcher = matcher(file);
        int epoch = Integer.parseInt(matcher.group(1));
        return matcher.group(2) != null ? epoch - 1 : epoch;
    }

    /** Batches of the running epoch trained, 0 for a checkpoint taken when one ended. */
    private static long batchesOf(Path file) {
        Matcher matcher = matcher(file);
        return matcher.group(2) != null ? Long.parseLong(matcher.group(2)) : 0;
    }

    private static boolean isEndOf(Path file, int epoch) {
        Matcher matcher = matcher(file);
        return matcher.group(2) == null && Integer.parseInt(matcher.group(1)) == epoch;
    }

    private static Matcher matcher(Path file) {
        Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a checkpoint file name: " + file);
        }
        return matcher;
    }

    private static byte[] readBlock(DataInputStream in, long length) throws IOException {
        if (length < 0 || length > in.available()) {
            throw new EOFException("block of " + length + " bytes, " + in.available() + " left");
        }
        return in.readNBytes((int) length);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform provides SHA-256", ex);
        }
    }

}
