package dev.demon.spring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * The reference the resumed runs are compared with: the three-epoch job run once without
 * any fault, once per test JVM. Its figures depend only on the seed, the data and the
 * threads, the same for every run in the JVM, so the test classes that compare with it
 * share one run instead of each training the same job again. Tests only read it.
 */
public final class UninterruptedRun {

    private static TrainingRun run;

    private UninterruptedRun() {
    }

    /**
     * The run, made by the first caller in a folder of its own, which is deleted when the
     * JVM exits.
     */
    public static synchronized TrainingRun shared() {
        if (run == null) {
            try {
                Path folder = Files.createTempDirectory("uninterrupted-run");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        FileSystemUtils.deleteRecursively(folder);
                    }
                    catch (IOException ex) {
                        // A temporary folder left behind: nothing to report at exit.
                    }
                }));
                run = TrainingRun.start(folder, DataFault.NONE);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return run;
    }

}
