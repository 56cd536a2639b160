package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.util.cuda.CudaUtils;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * DJL's "Failed to detect GPU count", which it logs at each of its GPU counts (two when
 * an engine loads), is said at most once, and not at all without an NVIDIA driver; DJL's
 * other warnings from the same logger pass.
 */
@ExtendWith(OutputCaptureExtension.class)
class GpuCountWarningFilterTest {

    private final LoggerContext context = new LoggerContext();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void logToAList() {
        GpuCountWarningFilter.forget();
        this.appender.setContext(this.context);
        this.appender.start();
        this.context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
    }

    private List<String> logAsDjlDoesWith(GpuCountWarningFilter filter) {
        filter.setContext(this.context);
        filter.start();
        this.context.addTurboFilter(filter);
        Logger cuda = this.context.getLogger("ai.djl.util.cuda.CudaUtils");
        cuda.warn("Failed to detect GPU count: {} ({})", "CUDA driver version is insufficient for CUDA runtime version",
                35);
        cuda.warn("Failed to detect GPU count: {} ({})", "CUDA driver version is insufficient for CUDA runtime version",
                35);
        cuda.warn("You have a conflict version of JNA in the classpath.");
        return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void gpuCountWarningIsSaidOnceAndDjlsOtherWarningsPass() {
        assertThat(logAsDjlDoesWith(new GpuCountWarningFilter(false))).containsExactly(
                "Failed to detect GPU count: CUDA driver version is insufficient for CUDA runtime version (35)",
                "You have a conflict version of JNA in the classpath.");
    }

    @Test
    void gpuCountWarningIsNotSaidWithoutAnNvidiaDriverAndDjlsOtherWarningsPass() {
        assertThat(logAsDjlDoesWith(new GpuCountWarningFilter(true)))
            .containsExactly("You have a conflict version of JNA in the classpath.");
    }

    @Test
    void sameWarningFromAnotherLoggerPasses() {
        this.context.addTurboFilter(new GpuCountWarningFilter(true));
        this.context.getLogger("com.example.Gpus").warn("Failed to detect GPU count: none");
        assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
            .containsExactly("Failed to detect GPU count: none");
    }

    @Test
    void applicationStartedWithTheStarterHasTheFilterInLogback() {
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Empty.class)
            .web(WebApplicationType.NONE)
            .run()) {
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(logback.getTurboFilterList()).filteredOn(GpuCountWarningFilter.class::isInstance)
                .singleElement()
                .extracting(filter -> filter.getName())
                .isEqualTo(GpuCountWarningFilter.NAME);
        }
    }

    @Test
    void djlCountingGpusAfterTheApplicationStartedWarnsAtMostOnce(CapturedOutput output) {
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Empty.class)
            .web(WebApplicationType.NONE)
            .run()) {
            int before = output.getAll().length();
            // What loading an engine does: Platform.detectPlatform counts twice.
            CudaUtils.getGpuCount();
            CudaUtils.getGpuCount();
            List<String> warnings = output.getAll()
                .substring(before)
                .lines()
                .filter(line -> line.contains("Failed to detect GPU count"))
                .toList();
            // Without a driver (this build machine: CUDA 13 runtime, no driver) none,
            // else at most one: the first count of this JVM may have been made earlier.
            assertThat(warnings).hasSizeLessThanOrEqualTo(Files.exists(Path.of("/proc/driver/nvidia")) ? 1 : 0);
        }
    }

    /** An application with the starter and nothing to run. */
    @Configuration(proxyBeanMethods = false)
    static class Empty {

    }

}
