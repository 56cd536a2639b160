package dev.demon.benchmarks.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadStatTest {

    /**
     * A compiler thread's line, its name holding a space, fields 3 to 20 as proc(5) gives
     * them.
     */
    private static final String COMPILER_THREAD = "4242 (C2 CompilerThre) S 4200 4200 1 0 -1 1077936192 5321 0 0 0 731 29 0 0 20 0\n";

    @TempDir
    Path folder;

    @Test
    void readsTheNameAndTheFieldsByTheirNumberInProc5() throws IOException {
        Path stat = Files.writeString(folder.resolve("stat"), COMPILER_THREAD);

        ThreadStat thread = ThreadStat.read(stat);

        assertThat(thread.name()).isEqualTo("C2 CompilerThre");
        assertThat(thread.field(ThreadStat.MINOR_FAULTS)).isEqualTo(5321);
        assertThat(thread.field(ThreadStat.USER_TICKS)).isEqualTo(731);
        assertThat(thread.field(ThreadStat.SYSTEM_TICKS)).isEqualTo(29);
    }

    @Test
    void aNameWithParenthesesEndsAtTheLastOne() throws IOException {
        Path stat = Files.writeString(folder.resolve("stat"), COMPILER_THREAD.replace("(C2 CompilerThre)", "(a) b)"));

        ThreadStat thread = ThreadStat.read(stat);

        assertThat(thread.name()).isEqualTo("a) b");
        assertThat(thread.field(ThreadStat.MINOR_FAULTS)).isEqualTo(5321);
    }

}
