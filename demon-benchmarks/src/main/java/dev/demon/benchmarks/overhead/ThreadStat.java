package dev.demon.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One thread's line of Linux's {@code /proc/<pid>/task/<tid>/stat} (or
 * {@code /proc/thread-self/stat}): its name and the counters proc(5) numbers from 1, the
 * name being field 2 in parentheses (it may hold spaces and parentheses itself, hence
 * read up to the last one).
 *
 * @param name the thread's name, as the kernel knows it
 * @param fields the fields after the name, field 3 first
 */
record ThreadStat(String name, List<String> fields) {

    /** Minor page faults: field 10. */
    static final int MINOR_FAULTS = 10;

    /** CPU time in user mode, in clock ticks: field 14. */
    static final int USER_TICKS = 14;

    /** CPU time in kernel mode, in clock ticks: field 15. */
    static final int SYSTEM_TICKS = 15;

    /**
     * @param stat the stat file of a thread
     * @return its line, parsed
     * @throws IOException when it cannot be read (the thread ended)
     */
    static ThreadStat read(Path stat) throws IOException {
        String line = Files.readString(stat);
        int nameEnds = line.lastIndexOf(')');
        return new ThreadStat(line.substring(line.indexOf('(') + 1, nameEnds),
                List.of(line.substring(nameEnds + 2).trim().split(" ")));
    }

    /**
     * @param number the field's number in proc(5), 3 or more
     * @return its value
     */
    long field(int number) {
        return Long.parseLong(fields.get(number - 3));
    }

}
