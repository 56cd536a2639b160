package dev.demon.spring.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * Replaces a file (or a folder, {@link #replaceFolder}) so that, whatever happens (kill
 * -9, power loss), it holds either its old content or the complete new one: write a
 * temporary file in the same folder, force it to the disk, rename it over the target
 * atomically, then force the folder entry (the classic write-fsync-rename-fsync sequence,
 * see {@code rename(2)} and {@code fsync(2)}).
 */
public final class AtomicFiles {

    /** Suffix of the old folder while {@link #replaceFolder} swaps in the new one. */
    private static final String ASIDE = ".old";

    private AtomicFiles() {
    }

    /**
     * Writes content to a stream; the stream is the temporary file.
     */
    @FunctionalInterface
    public interface Content {

        /**
         * Writes the content.
         * @param out the temporary file's stream; do not close it
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;

    }

    /**
     * Atomically replaces {@code target} with what {@code content} writes.
     * @param target the file to create or replace; its folder must exist
     * @param content writes the new content
     * @throws IOException when writing, syncing or renaming fails; the target is then
     * untouched
     */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would stick to the renamed
        // file.
        Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        this.out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        // Writers such as Jackson close what they write to; the channel
                        // must stay open to be forced.
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(folder);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes the files of a folder into a folder given to it.
     */
    @FunctionalInterface
    public interface FolderContent {

        /**
         * Writes the files.
         * @param folder an empty folder, later renamed to the target
         * @throws IOException when writing fails
         */
        void writeTo(Path folder) throws IOException;

    }

    /**
     * Replaces the folder {@code target} with what {@code content} writes, so that a
     * reader finds either the old folder or the complete new one: the new one is written
     * beside it, forced to the disk, then the old one is moved aside, the new one moved
     * in, and the old one deleted. A crash between the two moves leaves the old folder
     * aside, where {@link #recoverFolder} (called first here) puts it back.
     * @param target the folder to create or replace
     * @param content writes the new folder's files
     * @throws IOException when writing or moving fails; the old folder is then still in
     * place
     */
    public static void replaceFolder(Path target, FolderContent content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        recoverFolder(target);
        String id = UUID.randomUUID().toString();
        Path fresh = parent.resolve("." + target.getFileName() + "." + id + ".tmp");
        Path aside = aside(target);
        Files.createDirectory(fresh);
        try {
            content.writeTo(fresh);
            try (Stream<Path> files = Files.list(fresh)) {
                for (Path file : files.toList()) {
                    force(file);
                }
            }
            syncFolder(fresh);
            if (Files.exists(target)) {
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(parent);
            FileSystemUtils.deleteRecursively(aside);
        }
        finally {
            FileSystemUtils.deleteRecursively(fresh);
        }
    }

    /**
     * Replaces the folder {@code target} with a copy of the files of {@code source}, as
     * {@link #replaceFolder} replaces a folder: a saved model that is the same, byte for
     * byte, as one already written is copied rather than serialised again.
     * @param source a folder of files
     * @param target the folder to create or replace
     * @throws IOException when reading or writing fails; the old target is then still in
     * place
     */
    public static void copyFolder(Path source, Path target) throws IOException {
        replaceFolder(target, fresh -> {
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, fresh.resolve(file.getFileName()));
                }
            }
        });
    }

    /**
     * Puts back a folder that {@link #replaceFolder} had moved aside when it was
     * interrupted before moving the new one in.
     * @param target the folder
     * @throws IOException when the folder cannot be moved back
     */
    public static void recoverFolder(Path target) throws IOException {
        Path aside = aside(target);
        if (Files.exists(aside)) {
            if (Files.exists(target)) {
                FileSystemUtils.deleteRecursively(aside);
            }
            else {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * The folder a reader of {@code target} should read now, changing nothing on disk:
     * {@code target} itself, or the old folder that {@link #replaceFolder} moved aside,
     * while a replace is between its two moves or was interrupted there. Unlike
     * {@link #recoverFolder} it is safe beside a replace under way in another thread or
     * process: putting the old folder back would take the place the replace is about to
     * move the new one into, and fail it.
     * @param target the folder
     * @return the folder holding target's content, or empty when there is none yet
     */
    public static Optional<Path> readableFolder(Path target) {
        Path aside = aside(target);
        // Target again last: a replace may move the new folder in, and delete the old,
        // between the first two looks.
        for (Path candidate : new Path[] { target, aside, target }) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path aside(Path target) {
        return target.toAbsolutePath().getParent().resolve("." + target.getFileName() + ASIDE);
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename durable; not every platform lets a folder be opened for this. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException | UnsupportedOperationException ex) {
            // Windows cannot open a folder as a channel; the rename is still atomic
            // there.
        }
    }

}
