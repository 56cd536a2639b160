package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.demon.spring.training.NativeAllocator.Description;

class NativeAllocatorTest {

    private static final String GLIBC = "7f0a1c000000-7f0a1c028000 r--p 00000000 fe:01 1049 /usr/lib/x86_64-linux-gnu/libc.so.6";

    private static final String TCMALLOC = "7f0a1d000000-7f0a1d010000 r-xp 00000000 fe:01 2211 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";

    private static final String JEMALLOC = "7f0a1e000000-7f0a1e020000 r-xp 00000000 fe:01 2305 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";

    private static final String JVM = "7f0a20000000-7f0a21000000 r-xp 00000000 fe:01 3301 /usr/lib/jvm/java-17/lib/server/libjvm.so";

    @Test
    void glibcAloneIsNamedWithWhatToPreload() {
        Optional<Description> description = NativeAllocator.describe(List.of(JVM, GLIBC),
                Map.<String, String>of()::get);
        assertThat(description).hasValueSatisfying(allocator -> {
            assertThat(allocator.warning()).isFalse();
            assertThat(allocator.message()).startsWith("native memory: glibc's malloc; preloading tcmalloc")
                .contains("LD_PRELOAD=libtcmalloc_minimal.so.4")
                .endsWith("(docs/engines.md#native-memory)");
        });
    }

    @Test
    void preloadedTcmallocIsNamedAsSuch() {
        assertThat(NativeAllocator.describe(List.of(TCMALLOC, JVM, GLIBC), Map.<String, String>of()::get))
            .contains(new Description("native memory: tcmalloc (preloaded)", false));
    }

    @Test
    void jemallocWithItsDefaultDecayIsAWarning() {
        Optional<Description> description = NativeAllocator.describe(List.of(JEMALLOC, JVM, GLIBC),
                Map.<String, String>of()::get);
        assertThat(description).hasValueSatisfying(allocator -> {
            assertThat(allocator.warning()).isTrue();
            assertThat(allocator.message()).startsWith("native memory: jemalloc with its default decay")
                .contains("MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1");
        });
    }

    @Test
    void jemallocThatNeverDecaysIsNamedWithItsOptions() {
        assertThat(NativeAllocator.describe(List.of(JEMALLOC, JVM, GLIBC),
                Map.of("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1")::get))
            .contains(
                    new Description("native memory: jemalloc (preloaded, dirty_decay_ms:-1,muzzy_decay_ms:-1)", false));
    }

    @Test
    void anotherCLibraryIsNotDescribed() {
        assertThat(NativeAllocator.describe(
                List.of(JVM, "7f0a1c000000-7f0a1c028000 r-xp 00000000 fe:01 77 /lib/ld-musl-x86_64.so.1"),
                Map.<String, String>of()::get))
            .isEmpty();
    }

    @Test
    void thisProcessIsDescribedOnLinux() {
        // The test JVM runs on glibc (CI's Debian), or with an allocator preloaded.
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(NativeAllocator.ofThisProcess(System::getenv)).isPresent();
    }

}
