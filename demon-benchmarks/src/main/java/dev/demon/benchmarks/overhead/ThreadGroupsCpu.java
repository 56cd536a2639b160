package dev.demon.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of the process's threads by group, read from Linux's
 * {@code /proc/self/task/<tid>/stat}: the main thread, the JIT's compiler threads, the
 * garbage collector's threads, the other threads the JVM named (Spring's, the lease's,
 * the connection pool's), and the threads native code started without a name (the
 * engine's OpenMP workers inherit the launcher's name, {@code java}). On a machine of two
 * cores any of them that runs during an epoch takes a core from the engine's operators,
 * so a side whose epoch is slower with the same work on its main thread shows here where
 * the core went.
 *
 * <p>
 * The kernel counts in clock ticks ({@code USER_HZ}, 100 per second on Linux), so a
 * group's figure has a resolution of 10 ms per thread. A thread that ended between two
 * snapshots is missing from both groups' differences.
 */
final class ThreadGroupsCpu {

    /** Linux's {@code USER_HZ}: the unit of utime and stime in {@code /proc}. */
    private static final double TICKS_PER_SECOND = 100.0;

    enum Group {

        MAIN, COMPILER, GC, NAMED, UNNAMED

    }

    private final Map<Long, Long> ticksByThread;

    private final Map<Long, Group> groupByThread;

    private ThreadGroupsCpu(Map<Long, Long> ticksByThread, Map<Long, Group> groupByThread) {
        this.ticksByThread = ticksByThread;
        this.groupByThread = groupByThread;
    }

    /**
     * @param mainThread the kernel's id of the thread both sides train on
     * @return every thread's CPU time now, or an empty snapshot where {@code /proc}
     * cannot be read
     */
    static ThreadGroupsCpu now(long mainThread) {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, Group> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    ThreadStat stat = ThreadStat.read(task.resolve("stat"));
                    long tid = Long.parseLong(task.getFileName().toString());
                    ticks.put(tid, stat.field(ThreadStat.USER_TICKS) + stat.field(ThreadStat.SYSTEM_TICKS));
                    groups.put(tid, (tid == mainThread) ? Group.MAIN : groupOf(stat.name()));
                }
                catch (IOException | RuntimeException ex) {
                    // The thread ended while the folder was read.
                }
            }
        }
        catch (IOException ex) {
            return new ThreadGroupsCpu(Map.of(), Map.of());
        }
        return new ThreadGroupsCpu(ticks, groups);
    }

    /** The calling thread's kernel id, or -1 where {@code /proc} cannot be read. */
    static long currentThreadId() {
        try {
            return Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    private static Group groupOf(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return Group.COMPILER;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return Group.GC;
        }
        return name.equals("java") ? Group.UNNAMED : Group.NAMED;
    }

    /**
     * @param earlier a snapshot taken before this one
     * @param group the threads to count
     * @return the CPU seconds the group's threads used between the two snapshots
     */
    double secondsSince(ThreadGroupsCpu earlier, Group group) {
        long ticks = 0;
        for (Map.Entry<Long, Long> thread : this.ticksByThread.entrySet()) {
            if (this.groupByThread.get(thread.getKey()) == group) {
                ticks += thread.getValue() - earlier.ticksByThread.getOrDefault(thread.getKey(), 0L);
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

}
