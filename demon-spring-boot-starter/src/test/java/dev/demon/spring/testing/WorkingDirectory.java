package dev.demon.spring.testing;

import java.nio.file.Path;

/**
 * Relative paths as a user writes them on the command line: relative to the working
 * directory.
 */
public final class WorkingDirectory {

    private WorkingDirectory() {
    }

    /**
     * A path to {@code folder} relative to the working directory, such as
     * {@code ../../tmp/junit123/checkpoints}: a test can write a relative
     * {@code demon.checkpoint.dir} that resolves into its own temporary folder instead of
     * one inside the module.
     * @param folder an absolute path
     * @return the same location, relative to the working directory
     */
    public static Path relativePathTo(Path folder) {
        return Path.of("").toAbsolutePath().relativize(folder.toAbsolutePath());
    }

}
