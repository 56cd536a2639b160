package dev.demon.spring.workspace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The moment between a writer's check that no newer holder of its lease has written and
 * its write: where a GC pause or SIGSTOP can let a newer holder take over and write. In
 * production nothing happens here ({@link #NONE}); a test pauses the writer here, lets
 * another generation write, then lets it go on, to show that what the newer holder wrote
 * survives ({@link GenerationalName}).
 */
@FunctionalInterface
public interface WriteWindow {

    /** Goes straight on to the write. */
    WriteWindow NONE = target -> {
    };

    /**
     * Called after the check and before the write.
     * @param target what is about to be written
     * @throws IOException when the pause fails
     */
    void opened(Path target) throws IOException;

}
