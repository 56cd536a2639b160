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
import java.util.UUID;

/**
 * Replaces a file so that, whatever happens (kill -9, power loss), the file holds either its old
 * content or the complete new one: write a temporary file in the same folder, force it to the
 * disk, rename it over the target atomically, then force the folder entry (the classic
 * write-fsync-rename-fsync sequence, see {@code rename(2)} and {@code fsync(2)}).
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes content to a stream; the stream is the temporary file.
     */
    @FunctionalInterface
    public interface Content {

        /**
         * Writes the content.
         *
         * @param out the temporary file's stream; do not close it
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces {@code target} with what {@code content} writes.
     *
     * @param target the file to create or replace; its folder must exist
     * @param content writes the new content
     * @throws IOException when writing, syncing or renaming fails; the target is then untouched
     */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would stick to the renamed file.
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
                        // Writers such as Jackson close what they write to; the channel must stay open to be forced.
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

    /** Makes the rename durable; not every platform lets a folder be opened for this. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException | UnsupportedOperationException ex) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }
}
