package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.Polling;
import dev.demon.spring.workspace.Workspace;

/**
 * The packaged demo app with the {@code quick} profile, serving HTTP on a free loopback
 * port and keeping its checkpoints in a private folder: the app whose metrics Prometheus
 * scrapes.
 */
final class QuickJobProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;

    private final int port;

    private final Path checkpointDir;

    private QuickJobProcess(ChildProcess process, int port, Path checkpointDir) {
        this.process = process;
        this.port = port;
        this.checkpointDir = checkpointDir;
    }

    /**
     * Starts {@link DemoJar} with the quick profile; {@code workDir} receives its log and
     * checkpoints.
     * @param moreArgs further Spring Boot arguments, such as {@code --demon.epochs=3}
     */
    static QuickJobProcess start(Path workDir, String... moreArgs) throws IOException {
        int port = ChildProcess.freeLoopbackPort();
        Path checkpointDir = Files.createDirectories(workDir.resolve("demon-checkpoints"));
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=quick", "--server.address=127.0.0.1",
                "--server.port=" + port, "--demon.checkpoint.dir=" + checkpointDir));
        args.addAll(List.of(moreArgs));
        Process process = DemoJar.start(workDir, args.toArray(String[]::new));
        return new QuickJobProcess(ChildProcess.adopt("demo app", process, DemoJar.log(workDir)), port, checkpointDir);
    }

    /** The app's address for a path, e.g. {@code http://127.0.0.1:PORT/demon}. */
    String url(String path) {
        return "http://127.0.0.1:" + this.port + path;
    }

    /** Where Prometheus finds the app: {@code host:port} on loopback. */
    String scrapeTarget() {
        return "127.0.0.1:" + this.port;
    }

    /**
     * Waits until the training job has ended, that is until the starter has written
     * {@code <demon.checkpoint.dir>/<pipeline>/report.g<generation>.json}, and returns
     * that report.
     */
    JsonNode awaitReport(Duration timeout) {
        return Polling.until("the quick job's report.json in " + this.checkpointDir, timeout, () -> {
            this.process.requireAlive();
            return findReport().map(QuickJobProcess::readWhole);
        });
    }

    String logTail() {
        return this.process.logTail();
    }

    void requireAlive() {
        this.process.requireAlive();
    }

    private Optional<Path> findReport() throws IOException {
        try (Stream<Path> jobs = Files.list(this.checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                .map(job -> new Workspace(this.checkpointDir).pipeline(job.getFileName().toString()).report())
                .filter(Files::isRegularFile)
                .findFirst();
        }
    }

    /** The report may still be being written: a parse failure means "try again". */
    private static JsonNode readWhole(Path report) {
        try {
            return JSON.readTree(report.toFile());
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("report.json not complete yet", e);
        }
    }

    @Override
    public void close() {
        this.process.close();
    }

}
