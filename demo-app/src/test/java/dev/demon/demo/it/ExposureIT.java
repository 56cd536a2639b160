package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.Polling;
import dev.demon.spring.workspace.Workspace;

/**
 * Over HTTP the demo, as packaged and started with its defaults, answers only what
 * monitoring needs: {@code health}, {@code info} and {@code prometheus}. Every other
 * actuator endpoint (environment, beans, heap dump, shutdown, ...) answers 404, and so
 * does H2's web console, which would open the JobRepository to anyone who can reach the
 * port. The training page answers GET only, with figures and no path of the machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExposureIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private ChildProcess app;

    private int port;

    private Path workDir;

    @BeforeAll
    void startTheDemoAndLetItsJobEnd(@TempDir Path workDir) throws IOException {
        this.port = ChildProcess.freeLoopbackPort();
        this.workDir = workDir;
        Path checkpoints = workDir.resolve("checkpoints");
        // A one-epoch job on a few images: the app keeps serving once it has ended.
        Process process = DemoJar.start(workDir, "--server.address=127.0.0.1", "--server.port=" + this.port,
                "--spring.batch.job.name=" + MlpJob.PIPELINE, "--demon.epochs=1", "--demo.data.training-samples=500",
                "--demo.data.validation-samples=100", "--demon.checkpoint.dir=" + checkpoints);
        this.app = ChildProcess.adopt("demo app", process, DemoJar.log(workDir));
        // Asked again at every poll: the newest report's name carries the generation of
        // the lease the job takes, which does not exist before it starts.
        Polling.until("the job's report in " + checkpoints, Duration.ofMinutes(10), () -> {
            this.app.requireAlive();
            Path report = new Workspace(checkpoints).pipeline(MlpJob.PIPELINE).report();
            return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
        });
    }

    @AfterAll
    void stopTheDemo() {
        if (this.app != null) {
            this.app.close();
        }
    }

    @Test
    void actuatorListsOnlyHealthInfoAndPrometheus() throws Exception {
        HttpResponse<String> index = get("/actuator");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(index.body()).get("_links").propertyNames()).containsExactlyInAnyOrder("self",
                "health", "health-path", "info", "prometheus");
    }

    @Test
    void healthAnswersWithItsStatusAlone() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        // No components nor details: nothing about the database, the disk or the paths on
        // it.
        assertThat(body.propertyNames()).contains("status").doesNotContain("components", "details");
        assertThat(body.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoAnswers() throws Exception {
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusAnswersWithTheTrainingMetrics() throws Exception {
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("demon_momentum{").contains("demon_train_updates_total{");
    }

    @ParameterizedTest
    @ValueSource(strings = { "auditevents", "beans", "caches", "conditions", "configprops", "env",
            "env/spring.datasource.url", "flyway", "heapdump", "httpexchanges", "integrationgraph", "liquibase",
            "logfile", "loggers", "mappings", "metrics", "quartz", "sbom", "scheduledtasks", "sessions", "shutdown",
            "startup", "threaddump" })
    void everyOtherActuatorEndpointIsNotFound(String endpoint) throws Exception {
        assertThat(get("/actuator/" + endpoint).statusCode()).isEqualTo(404);
    }

    @Test
    void shutdownCannotBePosted() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/actuator/shutdown"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();

        assertThat(this.http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        this.app.requireAlive();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/h2-console", "/h2-console/", "/h2-console/login.jsp" })
    void h2ConsoleIsOff(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void theTrainingPageShowsTheRunsFiguresButNoPathOfTheMachine() throws Exception {
        HttpResponse<String> details = get("/demon/api/pipelines/" + MlpJob.PIPELINE);

        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(details.body()).get("summary").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(details.body()).doesNotContain(this.workDir.toString()).doesNotContain("\"path\"");
    }

    @Test
    void theTrainingPageIsReadOnly() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/demon/api/pipelines/" + MlpJob.PIPELINE))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();

        assertThat(this.http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

}
