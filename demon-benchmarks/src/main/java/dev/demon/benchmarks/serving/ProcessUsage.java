package dev.demon.benchmarks.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * What the whole process has used so far, every thread counted, those that have ended
 * too: CPU time and context switches (C's {@code getrusage(RUSAGE_SELF)}), and how many
 * threads it has now, Java's and native ones (an OpenMP runtime's) alike
 * ({@code /proc/self/task}). Linux only. The difference of two readings around a load run
 * gives what a request cost the process beyond its wall time: a side that spends the same
 * CPU per request as another but serves fewer requests per second waits (for a core, for
 * a thread to wake), one that spends more works more.
 *
 * @param cpuNanos user and system CPU time
 * @param voluntarySwitches times a thread gave up its core (to wait, to sleep)
 * @param involuntarySwitches times a thread was taken off its core
 * @param threads threads now (not a difference)
 */
record ProcessUsage(long cpuNanos, long voluntarySwitches, long involuntarySwitches, int threads) {

    private static final int RUSAGE_SELF = 0;

    /**
     * {@code struct rusage} on 64-bit Linux as longs: two {@code timeval}s (user,
     * system), then fourteen counters, the context switches last.
     */
    private static final int RUSAGE_LONGS = 18;

    /**
     * Reads the process's usage now.
     * @return the usage
     */
    static ProcessUsage now() {
        long[] usage = new long[RUSAGE_LONGS];
        if (CLibrary.INSTANCE.getrusage(RUSAGE_SELF, usage) != 0) {
            throw new IllegalStateException("getrusage failed");
        }
        long cpu = (usage[0] + usage[2]) * 1_000_000_000L + (usage[1] + usage[3]) * 1_000L;
        return new ProcessUsage(cpu, usage[16], usage[17], threadsNow());
    }

    /**
     * What was used since an earlier reading; the threads are this reading's.
     * @param earlier the earlier reading
     * @return the difference
     */
    ProcessUsage since(ProcessUsage earlier) {
        return new ProcessUsage(cpuNanos - earlier.cpuNanos, voluntarySwitches - earlier.voluntarySwitches,
                involuntarySwitches - earlier.involuntarySwitches, threads);
    }

    private static int threadsNow() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return (int) tasks.count();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** C's {@code getrusage(2)}. */
    private interface CLibrary extends Library {

        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int getrusage(int who, long[] usage);

    }

}
