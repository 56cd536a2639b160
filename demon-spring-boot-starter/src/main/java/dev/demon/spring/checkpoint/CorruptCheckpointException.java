package dev.demon.spring.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is truncated, altered or not a checkpoint at all. */
public class CorruptCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param file the bad file
     * @param reason what is wrong with it
     */
    public CorruptCheckpointException(Path file, String reason) {
        super("Checkpoint " + file + " is corrupt: " + reason);
    }

}
