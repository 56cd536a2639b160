package dev.demon.spring.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.LoopbackPostgres;
import dev.demon.spring.testing.TestClassesJvm;

/**
 * A sweep across processes for a test: a PostgreSQL JobRepository, a manager embedding
 * the broker on a free loopback port, and workers, each {@link RemoteSweepApplication} in
 * a JVM of its own ({@link TestClassesJvm}). The sweep {@value #SWEEP} has one trial per
 * learning rate given, 4 epochs each, and its checkpoints in one shared folder unless a
 * process is given its own.
 */
final class RemoteSweepProcesses {

    static final String SWEEP = "remote-lr";

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    private final Path workDir;

    private final LoopbackPostgres postgres;

    private final int brokerPort = ChildProcess.freeLoopbackPort();

    private final String learningRates;

    /**
     * @param workDir the processes' working folder, where their logs go
     * @param postgres the JobRepository's server
     * @param learningRates the trials' learning rates, such as {@code 0.01,0.02}
     */
    RemoteSweepProcesses(Path workDir, LoopbackPostgres postgres, String learningRates) {
        this.workDir = workDir;
        this.postgres = postgres;
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
                        "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
                        "--demon.remote.poll-interval=500ms", "--demon.checkpoint.dir=" + checkpoints(),
                        // The sweep, as every process of the application declares it.
                        "--demon.sweeps." + SWEEP + ".pipeline=" + RemoteSweepApplication.Regression.NAME,
                        "--demon.sweeps." + SWEEP + ".parameters.learning-rate.initial=" + learningRates));
        all.addAll(arguments);
        return TestClassesJvm.start(name, workDir, RemoteSweepApplication.class, all);
    }

    static void awaitLine(ChildProcess process, String line) {
        process.awaitLine(line, RUN_TIMEOUT);
    }

}
