package dev.demon.demo.it;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.Polling;
import dev.demon.spring.testing.TestPackages;

/**
 * A real Prometheus server on a free loopback port, scraping the demo app with the scrape
 * configuration users get in {@code grafana/prometheus.yml}, queried through its HTTP API
 * (https://prometheus.io/docs/prometheus/latest/querying/api/).
 */
final class LoopbackPrometheus implements AutoCloseable {

    /** Scrape every second, so a short quick job leaves many samples behind. */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;

    private final URI api;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackPrometheus(ChildProcess process, URI api) {
        this.process = process;
        this.api = api;
    }

    /**
     * Debian's {@code prometheus} executable.
     * @throws IllegalStateException naming {@value TestPackages#INSTALL_SCRIPT} when it
     * is not installed
     */
    static Path binary() {
        return TestPackages.program("prometheus", "prometheus", List.of(Path.of("/usr/bin/prometheus")));
    }

    /**
     * Starts {@code binary} with a configuration derived from {@code userConfig}: every
     * static target replaced by {@code target}, a one-second scrape interval, storage
     * under {@code workDir}.
     */
    static LoopbackPrometheus start(Path binary, Path userConfig, String target, Path workDir) throws IOException {
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, deriveConfig(userConfig, target));
        int port = ChildProcess.freeLoopbackPort();
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(workDir.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn");
        LoopbackPrometheus prometheus = new LoopbackPrometheus(
                ChildProcess.start("prometheus", command, workDir, Map.of()), URI.create("http://127.0.0.1:" + port));
        prometheus.awaitReady();
        return prometheus;
    }

    /**
     * The user's scrape configuration, pointed at {@code target} and scraping every
     * second.
     */
    @SuppressWarnings("unchecked")
    static String deriveConfig(Path userConfig, String target) throws IOException {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(userConfig)) {
            config = new Yaml().load(reader);
        }
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global",
                key -> new LinkedHashMap<>());
        global.put("scrape_interval", promqlDuration(SCRAPE_INTERVAL));
        global.put("evaluation_interval", promqlDuration(SCRAPE_INTERVAL));
        List<Map<String, Object>> scrapeConfigs = (List<Map<String, Object>>) config.get("scrape_configs");
        if (scrapeConfigs == null || scrapeConfigs.isEmpty()) {
            throw new IllegalArgumentException(userConfig + " has no scrape_configs");
        }
        for (Map<String, Object> scrapeConfig : scrapeConfigs) {
            for (Map<String, Object> staticConfig : (List<Map<String, Object>>) scrapeConfig.get("static_configs")) {
                staticConfig.put("targets", List.of(target));
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }

    /**
     * A duration as PromQL and Prometheus' configuration write it, such as {@code 4s} or
     * {@code 1500ms}.
     */
    static String promqlDuration(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /**
     * Evaluates {@code expr} at {@code time} ({@code /api/v1/query}).
     * @return the response's {@code data} node: {@code resultType} and {@code result}
     * @throws IllegalArgumentException with Prometheus' own message when it rejects the
     * query
     */
    JsonNode query(String expr, Instant time) {
        return evaluate("/api/v1/query", form("query", expr) + "&" + form("time", seconds(time)));
    }

    /**
     * Evaluates {@code expr} from {@code start} to {@code end} every {@code step}
     * ({@code /api/v1/query_range}), as Grafana does for a graph over its time range.
     * @return the response's {@code data} node: {@code resultType} (matrix) and
     * {@code result}
     * @throws IllegalArgumentException with Prometheus' own message when it rejects the
     * query
     */
    JsonNode queryRange(String expr, Instant start, Instant end, Duration step) {
        return evaluate("/api/v1/query_range", form("query", expr) + "&" + form("start", seconds(start)) + "&"
                + form("end", seconds(end)) + "&" + form("step", promqlDuration(step)));
    }

    private JsonNode evaluate(String path, String form) {
        JsonNode response = post(path, form);
        if (!"success".equals(response.path("status").asString())) {
            throw new IllegalArgumentException(
                    response.path("errorType").asString() + ": " + response.path("error").asString());
        }
        return response.path("data");
    }

    /**
     * Values of {@code label} over the series that {@code selector} matches
     * ({@code /api/v1/label/<label>/values}).
     */
    List<String> labelValues(String label, Optional<String> selector) {
        String path = "/api/v1/label/" + label + "/values"
                + selector.map(match -> "?match%5B%5D=" + URLEncoder.encode(match, StandardCharsets.UTF_8)).orElse("");
        List<String> values = new ArrayList<>();
        get(path).path("data").forEach(value -> values.add(value.asString()));
        return values;
    }

    /**
     * Waits until Prometheus has finished a scrape of every target that started after
     * {@code moment} and found it up, so whatever the app exported at {@code moment} is
     * stored.
     */
    void awaitScrapeStartedAfter(Instant moment, Duration timeout) {
        Polling.until("a successful scrape after " + moment, timeout, () -> {
            this.process.requireAlive();
            JsonNode targets = get("/api/v1/targets?state=active").path("data").path("activeTargets");
            boolean allScraped = !targets.isEmpty();
            for (JsonNode target : targets) {
                allScraped &= "up".equals(target.path("health").asString())
                        && Instant.parse(target.path("lastScrape").asString()).isAfter(moment);
            }
            return allScraped ? Optional.of(true) : Optional.empty();
        });
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    /** Where Prometheus serves its HTTP API and its own web pages. */
    URI address() {
        return this.api;
    }

    String logTail() {
        return this.process.logTail();
    }

    private void awaitReady() {
        Polling.until("Prometheus at " + this.api + " to be ready", Duration.ofMinutes(1), () -> {
            this.process.requireAlive();
            HttpResponse<Void> ready = this.http.send(HttpRequest.newBuilder(this.api.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return ready.statusCode() == 200 ? Optional.of(true) : Optional.empty();
        });
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(this.api.resolve(path)).GET());
    }

    private JsonNode post(String path, String form) {
        return send(HttpRequest.newBuilder(this.api.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        this.process.close();
    }

}
