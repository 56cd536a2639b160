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
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.WriteWindow;

/**
 * The checkpoints of one training run in a folder of their own: one file per finished
 * epoch ({@code epoch-0003.g000005.ckpt}) and the mid-epoch ones
 * ({@code epoch-0004-batch-000050.g000005.ckpt}: 50 batches of epoch 4 trained), each
 * named with the lease generation of its writer (here 5, see {@link GenerationalName}),
 * ordered by how far training had got, then by generation. A writer keeps its newest two,
 * so that when the latest one turns out to be corrupt (a disk that lost its last write, a
 * file truncated by hand) training resumes from the one before, and the best epoch's,
 * whose parameters become the best model when the run completes.
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
 * A store writes for the holder of the job's {@link Lease}, under names of the lease's
 * generation, and prunes and replaces only files of that generation: a process whose
 * lease was taken over, even one paused between any check and its write, cannot replace
 * or delete the new holder's checkpoints, which never share a name with its own. Readers
 * ({@link #latest}, {@link #ofEpoch}) take the most advanced intact checkpoint of any
 * generation, the newest generation's on a tie. Before writing, a store still refuses
 * (and fences its lease) when a file of the folder has a newer generation than its own,
 * or the lease cannot be proved, so a fenced process stops training early; correctness
 * does not depend on that check. Older generations' files, left by the holders a takeover
 * replaced, are deleted when the run completes ({@link #deleteSupersededGenerations()});
 * a file named without a generation, from before generations were named, is generation 0.
 */
public class CheckpointStore {

    private static final Logger logger = LoggerFactory.getLogger(CheckpointStore.class);

    private static final byte[] MAGIC = "DEMONCKP".getBytes(StandardCharsets.US_ASCII);

    private static final int FORMAT_VERSION = 2;

    /** The version before files recorded the lease generation. */
    private static final int UNFENCED_VERSION = 1;

    private static final int DIGEST_LENGTH = 32;

    private static final String EXTENSION = ".ckpt";

    /** The stem of a checkpoint's file name: its epoch and batches. */
    private static final Pattern STEM = Pattern.compile("epoch-(\\d+)(?:-batch-(\\d+))?");

    /**
     * How far training had got: epochs finished, then batches of the next one; then the
     * newer generation.
     */
    private static final Comparator<Path> NEWEST_FIRST = Comparator.comparingInt(CheckpointStore::epochsDoneOf)
        .thenComparingLong(CheckpointStore::batchesOf)
        .thenComparingLong(CheckpointStore::generationOfName)
        .reversed();

    private static final int KEPT = 2;

    private final Path folder;

    private final Lease lease;

    private final WriteWindow window;

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
        this(folder, lease, WriteWindow.NONE);
    }

    /**
     * Creates a store writing for the holder of a lease, with what happens between its
     * check of the folder and each write: a test's pause.
     * @param folder the run's checkpoint folder
     * @param lease the lease of the job, whose generation each checkpoint records
     * @param window called after the check, before the write
     */
    CheckpointStore(Path folder, Lease lease, WriteWindow window) {
        this.folder = folder;
        this.lease = lease;
        this.window = window;
    }

    /**
     * Returns the folder.
     * @return the folder of this run's checkpoints
     */
    public Path getFolder() {
        return folder;
    }

    /**
     * The lease generation this store writes under.
     * @return it, 0 without a lease
     */
    public long generation() {
        return lease.generation();
    }

    /**
     * Writes a checkpoint, then deletes all of its generation but the newest two.
     * @param checkpoint the checkpoint
     * @return the file written
     * @throws IOException when it cannot be written; earlier checkpoints are then
     * untouched
     */
    public Path save(Checkpoint checkpoint) throws IOException {
        return save(checkpoint, checkpoint.state().epoch());
    }

    /**
     * Writes a checkpoint (of a finished epoch, or taken inside one) under the name of
     * this store's generation, then deletes the checkpoints of that generation but the
     * newest two and the one of {@code keptEpoch}; another generation's are left alone.
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
        String stem = position.isMidEpoch()
                ? String.format("epoch-%04d-batch-%06d", position.progress().epoch(), position.progress().batches())
                : String.format("epoch-%04d", position.epoch());
        Path file = folder.resolve(GenerationalName.fileName(stem, lease.generation(), EXTENSION));
        window.opened(file);
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
        List<Path> own = files().stream().filter(saved -> generationOfName(saved) == lease.generation()).toList();
        for (Path old : own.subList(Math.min(KEPT, own.size()), own.size())) {
            if (!isEndOf(old, keptEpoch)) {
                Files.deleteIfExists(old);
            }
        }
        return file;
    }

    /**
     * The newest intact checkpoint taken with at most {@code maxEpochsDone} epochs
     * finished: the one of epoch {@code maxEpochsDone}, or a later one taken inside epoch
     * {@code maxEpochsDone + 1}, or an older one, whichever generation wrote it (the
     * newest generation's of two as far). A corrupt file is reported in the log and
     * skipped in favour of the one before.
     * @param maxEpochsDone the most finished epochs the checkpoint may have
     * @return the checkpoint, or empty when there is none to resume from
     * @throws IOException when the folder cannot be listed
     */
    public Optional<Checkpoint> latest(int maxEpochsDone) throws IOException {
        return newestIntact(file -> epochsDoneOf(file) <= maxEpochsDone, "; falling back to the previous checkpoint");
    }

    /**
     * The intact checkpoint written when one epoch ended, the newest generation's.
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
     * before a completed run's models are saved from these checkpoints: an early refusal
     * that stops a fenced process from training on, not what keeps its writes from a
     * newer holder's files (their names do).
     * @throws IOException when the folder cannot be read
     * @throws LeaseLostException otherwise
     */
    public void requireNewest() throws IOException {
        long newest = 0;
        for (Path file : files()) {
            newest = Math.max(newest, generationOfName(file));
        }
        lease.requireNewest(newest, "a checkpoint in " + folder);
    }

    /**
     * When the run has completed: deletes the checkpoints of every generation older than
     * the newest one in the folder, those the holders a takeover replaced left behind.
     * The newest generation's stay (its newest two and best epoch, as it pruned them). A
     * store whose generation is not the newest there (its lease was taken over) deletes
     * nothing. The files are listed before the lease is proved, so none can be a newer
     * holder's; an older holder still paused in a write may add one more file afterwards,
     * which stays.
     * @return the files deleted
     * @throws IOException when the folder cannot be listed or a file deleted
     * @throws LeaseLostException when the lease cannot be proved; nothing is then deleted
     */
    public List<Path> deleteSupersededGenerations() throws IOException {
        List<Path> files = files();
        long newest = files.stream().mapToLong(CheckpointStore::generationOfName).max().orElse(0);
        List<Path> superseded = newest > lease.generation() ? List.of()
                : files.stream().filter(file -> generationOfName(file) < newest).toList();
        lease.requireHeld();
        for (Path file : superseded) {
            Files.deleteIfExists(file);
        }
        return superseded;
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
     * Deletes every checkpoint of this run, for a new run (a new job instance) that
     * starts from scratch: what is there is from another JobRepository. The files are
     * listed before the lease is proved, so none can be a newer holder's.
     * @throws IOException when a file cannot be deleted
     * @throws LeaseLostException when the lease cannot be proved; nothing is then deleted
     */
    public void clear() throws IOException {
        List<Path> files = files();
        lease.requireHeld();
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The checkpoint files of every generation, newest first: most epochs finished, then
     * most batches of the next one, then the newest generation.
     * @return the files
     * @throws IOException when the folder cannot be listed
     */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> parsed(file).filter(name -> STEM.matcher(name.stem()).matches()).isPresent())
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

    /**
     * The lease generation of a checkpoint file's writer, as its name says.
     * @param file a checkpoint file
     * @return the generation; 0 for a name without one (from before generations were
     * named)
     */
    public static long generationOfName(Path file) {
        return parsed(file).orElseThrow(() -> new IllegalArgumentException("Not a checkpoint file name: " + file))
            .generation();
    }

    private static Optional<GenerationalName.Parsed> parsed(Path file) {
        return GenerationalName.Parsed.of(file.getFileName().toString(), EXTENSION);
    }

    private static Matcher matcher(Path file) {
        Matcher matcher = STEM.matcher(parsed(file).map(GenerationalName.Parsed::stem).orElse(""));
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
