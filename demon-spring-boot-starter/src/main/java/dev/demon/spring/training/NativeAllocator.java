package dev.demon.spring.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The allocator the engines' native memory (every tensor, every operator's scratch space)
 * comes from, and what the start-up log says about it.
 *
 * <p>
 * Both engines allocate and free their tensors' memory from the C library for every
 * operator. With glibc's {@code malloc} a process goes, at times it does not choose, into
 * a state where that memory is handed back to the system and touched again on every
 * batch: 1.8 to 3.9 million minor page faults per epoch of the demo's CNN instead of 0.2
 * million. Measured on full epochs of the demo's CNN, each in a fresh process, two runs
 * of three rounds with the allocators alternating (BENCHMARKS.md "Native memory"),
 * forward + backward took 18.3 to 21.0 s with glibc against 15.1 to 16.0 s with tcmalloc
 * preloaded on MXNet (whole epochs 0.80 and 0.81 of glibc's by the medians), 17.1 to 19.2
 * s against 15.9 to 17.6 s on PyTorch (0.88 and 0.96). Raising glibc's trim and mmap
 * thresholds ({@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_MMAP_THRESHOLD_}) did not
 * prevent it; jemalloc with its default decay made it worse (epochs 1.4 to 1.7 times
 * glibc's), jemalloc that never decays
 * ({@code MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1}) was as fast as tcmalloc.
 *
 * <p>
 * The allocator is chosen when the process starts ({@code LD_PRELOAD}); a library loaded
 * later cannot take over the engines' {@code malloc}, and memory freed by another
 * allocator than the one that gave it would crash the process. So the starter only reads
 * which allocator the process has, from the libraries mapped into it
 * ({@code /proc/self/maps} on Linux), and says so at start-up: what to preload where it
 * is glibc's, a warning where it is jemalloc with its default decay.
 */
public final class NativeAllocator {

    /** Where the user's guide tells how to preload an allocator. */
    static final String GUIDE = "docs/engines.md#native-memory";

    /** jemalloc's options that keep freed memory in the process. */
    static final String JEMALLOC_NO_DECAY = "dirty_decay_ms:-1,muzzy_decay_ms:-1";

    private NativeAllocator() {
    }

    /**
     * What the start-up log says about the process's allocator.
     *
     * @param message the line
     * @param warning whether it is logged as a warning: an allocator measured slower than
     * glibc's
     */
    public record Description(String message, boolean warning) {
    }

    /**
     * Describes the running process's allocator.
     * @param environment the process's environment variables
     * @return the log line, or empty where the mapped libraries cannot be read (not
     * Linux)
     */
    public static Optional<Description> ofThisProcess(UnaryOperator<String> environment) {
        try {
            return describe(Files.readAllLines(Path.of("/proc/self/maps")), environment);
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * Describes the allocator of a process by the libraries mapped into it.
     * @param maps the lines of the process's {@code /proc/<pid>/maps}
     * @param environment the process's environment variables
     * @return the log line, or empty for a process that has none of glibc, tcmalloc and
     * jemalloc (another C library)
     */
    static Optional<Description> describe(List<String> maps, UnaryOperator<String> environment) {
        if (mapped(maps, "libtcmalloc")) {
            return Optional.of(new Description("native memory: tcmalloc (preloaded)", false));
        }
        if (mapped(maps, "libjemalloc")) {
            String options = environment.apply("MALLOC_CONF");
            if (options != null && options.contains("dirty_decay_ms:-1")) {
                return Optional.of(new Description("native memory: jemalloc (preloaded, " + options + ")", false));
            }
            return Optional.of(new Description("native memory: jemalloc with its default decay, which hands freed "
                    + "memory back to the system and faults it in again on every batch: the demo's CNN trained "
                    + "1.4 to 1.7 times slower than with glibc's malloc; set MALLOC_CONF=" + JEMALLOC_NO_DECAY
                    + " or preload tcmalloc instead (" + GUIDE + ")", true));
        }
        if (mapped(maps, "libc.so.6")) {
            return Optional.of(new Description("native memory: glibc's malloc; preloading tcmalloc "
                    + "(LD_PRELOAD=libtcmalloc_minimal.so.4) trained the demo's CNN in 0.80 to 0.96 of the time, "
                    + "with steadier epochs (" + GUIDE + ")", false));
        }
        return Optional.empty();
    }

    private static boolean mapped(List<String> maps, String library) {
        return maps.stream().anyMatch(line -> line.contains("/" + library));
    }

}
