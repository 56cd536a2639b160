package dev.demon.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * DJL's warning "Failed to detect GPU count", said at most once per JVM, and not at all
 * on a machine without an NVIDIA driver, where it only means that the CUDA runtime is
 * installed and no GPU can be used: training runs on the CPU, as it would anyway. Every
 * other event of DJL's {@code CudaUtils} logger passes untouched.
 *
 * <p>
 * Why twice: DJL's {@code CudaUtils.getGpuCount()} asks the CUDA runtime for the device
 * count on every call and warns each time it fails (here cudaErrorInsufficientDriver, 35:
 * a CUDA toolkit without a driver). Loading the engine's native library calls it twice:
 * {@code Platform.detectPlatform(engine)} describes this machine
 * ({@code Platform.fromSystem(engine)}) and then each native library on the class path
 * ({@code Platform.fromUrl}), and each description asks for the GPU count. DJL has no
 * switch for that warning alone (its {@code ai.djl.util.cuda.fork} property answers from
 * a child JVM instead, which costs a JVM start, and one more per CUDA query on a GPU
 * machine).
 *
 * <p>
 * A machine without an NVIDIA driver is told on Linux by the absence of
 * {@code /proc/driver/nvidia}, which the driver's kernel module creates; elsewhere the
 * warning is said once.
 */
public class GpuCountWarningFilter extends TurboFilter {

    /** DJL's logger that warns. */
    static final String LOGGER = "ai.djl.util.cuda.CudaUtils";

    /** How DJL's warning begins. */
    static final String WARNING = "Failed to detect GPU count";

    /** The filter's name, by which it is added once to a logger context. */
    static final String NAME = "demon-gpu-count-warning";

    private static final AtomicBoolean said = new AtomicBoolean();

    private final boolean noDriver;

    /** Creates the filter for this machine. */
    public GpuCountWarningFilter() {
        this(isLinuxWithoutNvidiaDriver());
    }

    /**
     * Creates the filter.
     * @param noDriver whether the machine is known to have no NVIDIA driver
     */
    GpuCountWarningFilter(boolean noDriver) {
        this.noDriver = noDriver;
        setName(NAME);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null || !format.startsWith(WARNING) || !LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (noDriver) {
            if (!said.getAndSet(true)) {
                LoggerFactory.getLogger(GpuCountWarningFilter.class)
                    .debug("DJL found the CUDA runtime but this machine has no NVIDIA driver; training runs on the "
                            + "CPU, and DJL's warning \"{}\" is not shown", WARNING);
            }
            return FilterReply.DENY;
        }
        return said.getAndSet(true) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Forgets that the warning was said, for tests. */
    static void forget() {
        said.set(false);
    }

    private static boolean isLinuxWithoutNvidiaDriver() {
        return System.getProperty("os.name", "").startsWith("Linux") && !Files.exists(Path.of("/proc/driver/nvidia"));
    }

}
