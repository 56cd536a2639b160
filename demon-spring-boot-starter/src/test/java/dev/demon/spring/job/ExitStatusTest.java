package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.CommandLineTrainingApplication;
import dev.demon.spring.testing.Polling;

/**
 * A user's application that ends with Spring Boot's
 * {@code System.exit(SpringApplication.exit(SpringApplication.run(...)))} and nothing of
 * its own ({@link CommandLineTrainingApplication}), run in its own JVM as from a command
 * line: it exits with its job's status, 0 when the job COMPLETED and non-zero when it
 * FAILED, and with 143 when SIGTERM stops the job.
 */
class ExitStatusTest {

    private static final Duration HUNG = Duration.ofMinutes(5);

    @TempDir
    Path folder;

    @Test
    void completedJobExitsZero() throws Exception {
        try (ChildProcess application = start("completed")) {
            assertThat(application.waitForExit(HUNG)).as("exit status; %s", application.logTail()).isZero();
            assertThat(log(application)).contains("synthetic COMPLETED");
        }
    }

    @Test
    void failedJobExitsNonZero() throws Exception {
        // The largest float as the learning rate makes the loss infinite in the first
        // epoch: the step fails on it.
        try (ChildProcess application = start("failed", "--demon.learning-rate.initial=3.4e38")) {
            assertThat(application.waitForExit(HUNG)).as("exit status; %s", application.logTail())
                .isEqualTo(org.springframework.batch.core.BatchStatus.FAILED.ordinal());
            assertThat(log(application)).contains("synthetic FAILED");
        }
    }

    @Test
    void sigtermWhileTrainingExits143() throws Exception {
        Path dir = Files.createDirectories(folder.resolve("stopped"));
        Process process = new ProcessBuilder(command(dir, 100_000)).directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stopped.log").toFile())
            .start();
        try (ChildProcess application = ChildProcess.adopt("stopped", process, dir.resolve("stopped.log"))) {
            Polling.until("epoch 2 to start", HUNG, () -> {
                application.requireAlive();
                return Optional.of(true).filter(started -> log(application).contains("[synthetic-epoch-2]"));
            });
            process.destroy();
            assertThat(application.waitForExit(HUNG)).as("exit status; %s", application.logTail()).isEqualTo(143);
            assertThat(log(application)).contains("synthetic-epoch-2").contains("STOPPED");
        }
    }

    private ChildProcess start(String name, String... properties) throws IOException {
        Path dir = Files.createDirectories(folder.resolve(name));
        return ChildProcess.start(name, command(dir, 2, properties), dir, Map.of());
    }

    /**
     * {@code java -cp <this test's class path> CommandLineTrainingApplication}, headless:
     * the synthetic job in {@code dir}.
     */
    private static List<String> command(Path dir, int epochs, String... properties) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                CommandLineTrainingApplication.class.getName(), "--demon.enabled=true",
                "--spring.main.web-application-type=none", "--demon.checkpoint.dir=" + dir.resolve("checkpoints"),
                "--demon.epochs=" + epochs, "--demon.seed=7"));
        command.addAll(List.of(properties));
        return command;
    }

    private static String log(ChildProcess application) {
        try {
            return Files.readString(application.log());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
