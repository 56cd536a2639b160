package dev.demon.spring.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.batch.autoconfigure.JobExecutionEvent;
import org.springframework.context.ApplicationListener;

/**
 * The exit code of an application that ran its jobs at start-up, for Spring Boot's
 * {@code System.exit(SpringApplication.exit(context))}, which replaces Spring Boot's
 * {@code JobExecutionExitCodeGenerator}: 0 when every job COMPLETED, otherwise the status
 * of the first that did not, as Spring Boot's own generator gives it (the
 * {@link BatchStatus} ordinal: STOPPED 4, FAILED 5, ABANDONED 6).
 *
 * <p>
 * Once the JVM has begun to exit (SIGTERM, Ctrl-C: its shutdown hooks are running and
 * close the application, which stops the job), the code is 0, so that the signal's status
 * stands (143 after SIGTERM, 130 after Ctrl-C). On JDK 17 a non-zero {@code System.exit}
 * halts a JVM whose hooks have finished at once with that status, racing the signal's own
 * exit; a zero one waits for it. The application's main thread calling
 * {@code SpringApplication.exit} while the hooks close the context asks this generator
 * then, and blocks in the close until it is over.
 */
public class JobExitCodeGenerator implements ExitCodeGenerator, ApplicationListener<JobExecutionEvent> {

    private final List<JobExecution> executions = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(JobExecutionEvent event) {
        executions.add(event.getJobExecution());
    }

    @Override
    public int getExitCode() {
        if (jvmExiting()) {
            return 0;
        }
        return executions.stream()
            .map(JobExecution::getStatus)
            .filter(status -> status != BatchStatus.COMPLETED)
            .findFirst()
            .map(BatchStatus::ordinal)
            .orElse(0);
    }

    /**
     * Whether the JVM has begun to exit: it then refuses new shutdown hooks
     * ({@link Runtime#addShutdownHook} throws {@link IllegalStateException}).
     */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> {
        }, "exit probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        }
        catch (IllegalStateException ex) {
            return true;
        }
    }

}
