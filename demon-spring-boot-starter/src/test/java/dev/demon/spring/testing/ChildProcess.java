package dev.demon.spring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program a test starts and must stop again, its output kept in a log file for failure
 * messages. A shutdown hook stops it too when the test JVM is interrupted before
 * {@link #close()}.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;

    private final Process process;

    private final Path log;

    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop " + name);
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workDir}, with stdout and stderr appended to
     * {@code workDir/<name>.log}.
     */
    public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> environment) {
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return adopt(name, builder.start(), log);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Takes charge of stopping a process started elsewhere, which writes its output to
     * {@code log}.
     */
    public static ChildProcess adopt(String name, Process process, Path log) {
        return new ChildProcess(name, process, log);
    }

    /** A loopback port nobody listens on right now. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * Sends the process a signal, as {@code kill -STOP} or {@code kill -CONT} would.
     * @param signal the signal's name, such as {@code STOP}
     */
    public void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO()
            .start()
            .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + this.name + " exited with " + exit);
        }
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /** Fails with the end of the log when the process has already exited. */
    public void requireAlive() {
        if (!this.process.isAlive()) {
            throw new IllegalStateException(
                    this.name + " exited with code " + this.process.exitValue() + "\n" + logTail());
        }
    }

    /**
     * Waits until the process has written {@code line} (or a line containing it).
     * @param line what to wait for
     * @param timeout a bound against a hung process only
     * @throws IllegalStateException with the end of the log when the process exits first
     */
    public void awaitLine(String line, Duration timeout) {
        Polling.until(line, timeout, () -> {
            requireAlive();
            return Files.readString(this.log).contains(line) ? Optional.of(line) : Optional.empty();
        });
    }

    /** The last lines the process wrote, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - 60);
            return "--- last lines of " + this.log.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(from, lines.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits for the process to exit.
     * @param timeout a bound against a hung process only
     * @return its exit code
     * @throws IllegalStateException with the end of the log when it is still running
     * after {@code timeout}
     */
    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(this.name + " still runs after " + timeout + "\n" + logTail());
        }
        return this.process.exitValue();
    }

    /**
     * Ends the process with SIGKILL, as a crash or {@code kill -9} would: it can release
     * nothing.
     * @return its exit code, 137
     */
    public int kill() throws InterruptedException {
        return this.process.destroyForcibly().waitFor();
    }

    /** The file the process writes its output to. */
    public Path log() {
        return this.log;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
    }

    /**
     * SIGTERM first, so Spring and Prometheus shut down cleanly; SIGKILL when that takes
     * too long.
     */
    private void stop() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
