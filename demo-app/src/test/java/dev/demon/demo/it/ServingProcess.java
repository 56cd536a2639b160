package dev.demon.demo.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.Polling;

/**
 * The packaged demo started to serve predictions and train nothing:
 * {@code --spring.batch.job.enabled=false}, the MLP pipeline (or a sweep of it) selected,
 * HTTP on a free loopback port, the given checkpoint folder.
 */
final class ServingProcess implements AutoCloseable {

    private final ChildProcess process;

    private final int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServingProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the demo and waits until it answers HTTP.
     * @param workDir the process's working folder; receives {@code demo.log}
     * @param checkpointDir {@code demon.checkpoint.dir}
     * @param moreArgs further Spring Boot arguments
     */
    static ServingProcess start(Path workDir, Path checkpointDir, String... moreArgs) throws IOException {
        return startServing(MlpJob.PIPELINE, workDir, checkpointDir, moreArgs);
    }

    /**
     * Starts the demo serving the best model of a job, such as a sweep's, and waits until
     * it answers HTTP.
     * @param jobName {@code spring.batch.job.name}: a pipeline or a sweep
     * @param workDir the process's working folder; receives {@code demo.log}
     * @param checkpointDir {@code demon.checkpoint.dir}
     * @param moreArgs further Spring Boot arguments
     */
    static ServingProcess startServing(String jobName, Path workDir, Path checkpointDir, String... moreArgs)
            throws IOException {
        int port = ChildProcess.freeLoopbackPort();
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.enabled=false",
                "--spring.batch.job.name=" + jobName, "--server.address=127.0.0.1", "--server.port=" + port,
                "--demon.checkpoint.dir=" + checkpointDir));
        args.addAll(List.of(moreArgs));
        Process started = DemoJar.start(Files.createDirectories(workDir), args.toArray(String[]::new));
        ServingProcess serving = new ServingProcess(ChildProcess.adopt("serving demo", started, DemoJar.log(workDir)),
                port);
        Polling.until("the serving demo's health on port " + port, Duration.ofMinutes(5), () -> {
            serving.process.requireAlive();
            HttpResponse<String> health = serving.http.send(
                    HttpRequest.newBuilder(serving.uri("/actuator/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 ? Optional.of(health) : Optional.empty();
        });
        return serving;
    }

    /**
     * {@code POST /predict} with a body.
     * @param contentType the {@code Content-Type}, or null for none
     * @param body the body
     * @return the response
     */
    HttpResponse<String> predict(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/predict"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET} a path, such as {@code /demon/api/sweeps/<name>}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String logTail() {
        return this.process.logTail();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    @Override
    public void close() {
        this.process.close();
    }

}
