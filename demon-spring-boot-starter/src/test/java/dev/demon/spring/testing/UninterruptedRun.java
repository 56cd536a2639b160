package dev.demon.spring.testing;

import java.nio.file.Path;

/**
 * The reference the resumed runs are compared with: the three-epoch job run once without
 * any fault. Each test class that compares with it starts its own, in a folder of its
 * own.
 */
public final class UninterruptedRun {

    private UninterruptedRun() {
    }

    /**
     * Runs the job to its end without any fault.
     * @param folder {@code demon.checkpoint.dir}, shared with no other run
     * @return the run
     */
    public static TrainingRun startIn(Path folder) {
        return TrainingRun.start(folder, DataFault.NONE);
    }

}
