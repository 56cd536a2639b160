package dev.demon.spring.testing;

import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/** The reference: the three-epoch job run once without any fault, shared by the tests of a JVM. */
public final class UninterruptedRun {

    private static TrainingRun run;

    private UninterruptedRun() {}

    /**
     * The uninterrupted run, started on first use.
     *
     * @return the run, in {@code target/test-runs/uninterrupted}
     */
    public static synchronized TrainingRun get() {
        if (run == null) {
            Path folder = folder();
            FileSystemUtils.deleteRecursively(folder.toFile());
            run = TrainingRun.start(folder, DataFault.NONE);
        }
        return run;
    }

    /**
     * Where the uninterrupted run keeps its checkpoints.
     *
     * @return the folder
     */
    public static Path folder() {
        return Path.of("target", "test-runs", "uninterrupted");
    }
}
