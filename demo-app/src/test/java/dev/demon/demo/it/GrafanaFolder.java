package dev.demon.demo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's {@code grafana/} folder: dashboards, Grafana provisioning, Prometheus
 * and Compose files.
 */
record GrafanaFolder(Path root) {

    /**
     * Finds {@code grafana/} from the working directory (the module's folder under Maven)
     * or above it.
     */
    static GrafanaFolder locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("grafana/dashboards"))) {
                return new GrafanaFolder(dir.resolve("grafana"));
            }
        }
        throw new IllegalStateException(
                "No grafana/dashboards folder in " + Path.of("").toAbsolutePath() + " or above");
    }

    Path prometheusConfig() {
        return this.root.resolve("prometheus.yml");
    }

    Path dockerCompose() {
        return this.root.resolve("docker-compose.yml");
    }

    Path datasourceProvisioning() {
        return this.root.resolve("provisioning/datasources");
    }

    Path dashboardProvisioning() {
        return this.root.resolve("provisioning/dashboards");
    }

    Path dashboardsFolder() {
        return this.root.resolve("dashboards");
    }

    /** Every dashboard JSON in {@code grafana/dashboards}, by file name. */
    List<GrafanaDashboard> dashboards() {
        try (Stream<Path> files = Files.list(dashboardsFolder())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                .sorted()
                .map(GrafanaDashboard::read)
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
