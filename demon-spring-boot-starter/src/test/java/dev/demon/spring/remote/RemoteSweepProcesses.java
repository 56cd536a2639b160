package dev.demon.spring.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.PostgresDatabase;
import dev.demon.spring.testing.TestClassesJvm;

/**
 * A sweep across processes for a test: a PostgreSQL JobRepository, a manager embedding
 * the broker on a free loopback port, and workers, each {@link RemoteSweepApplication} in
 * a JVM of its own ({@link TestClassesJvm}). The sweep {@value #SWEEP} has one trial per
 * learning rate given, 4 epochs each, and its checkpoints in one shared folder unless a
 * process is given its own. {@link #close()} stops every process still running.
 */
final class RemoteSweepProcesses implements AutoCloseable {

    static final String SWEEP = "remote-lr";

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    private final Path workDir;

    private final PostgresDatabase database;

    private final int brokerPort = ChildProcess.freeLoopbackPort();

    private final String learningRates;

    private final List<ChildProcess> started = new ArrayList<>();

    /**
     * @param workDir the processes' working folder, where their logs go
     * @param database the JobRepository's database, empty
     * @param learningRates the trials' learning rates, such as {@code 0.01,0.02}
     */
    RemoteSweepProcesses(Path workDir, PostgresDatabase database, String learningRates) {
        this.workDir = workDir;
        this.database = database;
        this.learningRates = learningRates;
    }

    int brokerPort() {
        return brokerPort;
    }

    Path checkpoints() {
        return workDir.resolve("checkpoints");
    }

    /**
     * Starts the manager of the sweep.
     * @param name its log's name
     * @param more more arguments
     */
    ChildProcess manager(String name, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(
                List.of("--demon.remote.role=manager", "--demon.remote.broker.port=" + brokerPort,
                        "--spring.batch.jdbc.initialize-schema=always", "--spring.batch.job.name=" + SWEEP));
        arguments.addAll(List.of(more));
        return start(name, arguments);
    }

    /**
     * Starts a worker.
     * @param name its log's name
     * @param more more arguments
     */
    ChildProcess worker(String name, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(
                List.of("--demon.remote.role=worker", "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort));
        arguments.addAll(List.of(more));
        return start(name, arguments);
    }

    private ChildProcess start(String name, List<String> arguments) throws IOException {
        List<String> all = new ArrayList<>(
                List.of("--demon.enabled=true", "--demon.seed=7", "--spring.main.web-application-type=none",
                        "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=postgres",
                        "--demon.remote.poll-interval=500ms", "--demon.checkpoint.dir=" + checkpoints(),
                        // The sweep, as every process of the application declares it.
                        "--demon.sweeps." + SWEEP + ".pipeline=" + RemoteSweepApplication.Regression.NAME,
                        "--demon.sweeps." + SWEEP + ".parameters.learning-rate.initial=" + learningRates));
        all.addAll(arguments);
        ChildProcess process = TestClassesJvm.start(name, workDir, RemoteSweepApplication.class, all);
        started.add(process);
        return process;
    }

    /**
     * Stops every process started, all at once: a worker whose broker has gone with the
     * manager takes seconds to stop (it is between two attempts to reconnect), and the
     * workers' stops overlap.
     */
    @Override
    public void close() {
        List<Thread> stops = started.stream().map(process -> new Thread(process::close)).toList();
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            try {
                stop.join();
            }
            catch (InterruptedException e) {
                // The processes' shutdown hooks stop them with the test JVM.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until a process's application has started: a manager's tables exist and its
     * broker listens, so that workers started now neither race it to create the lease
     * tables nor wait to reconnect to the broker.
     */
    static void awaitStarted(ChildProcess process) {
        awaitLine(process, "Started " + RemoteSweepApplication.class.getSimpleName());
    }

    static void awaitLine(ChildProcess process, String line) {
        process.awaitLine(line, RUN_TIMEOUT);
    }

}
