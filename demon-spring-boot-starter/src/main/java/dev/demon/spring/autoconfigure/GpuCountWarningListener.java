package dev.demon.spring.autoconfigure;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Adds the {@link GpuCountWarningFilter} to Logback, Spring Boot's default logging
 * system, once Spring Boot has initialised it (which resets its filters) and before any
 * engine loads. With another logging system DJL's warnings stay as DJL logs them.
 */
public class GpuCountWarningListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
            GpuCountWarningListener.class.getClassLoader());

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LOGBACK) {
            Logback.addFilter();
        }
    }

    @Override
    public int getOrder() {
        // After Spring Boot's logging listener has initialised the logging system.
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Kept apart so that nothing of Logback loads without it. */
    private static final class Logback {

        static void addFilter() {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof LoggerContext context && context.getTurboFilterList()
                .stream()
                .noneMatch(filter -> GpuCountWarningFilter.NAME.equals(filter.getName()))) {
                GpuCountWarningFilter filter = new GpuCountWarningFilter();
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }

    }

}
