package dev.demon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks use the starter as an application would, through its public API
 * (demon-benchmarks/README.md), never its internals: their main sources import nothing
 * else of {@code dev.demon.spring} but the test fixtures (the starter's test-jar) with
 * which the scale benchmark starts PostgreSQL and its processes, as the starter's tests
 * do.
 */
class StarterPublicApiTest {

    private static final Set<String> PUBLIC_API = Set.of("dev.demon.spring.optimizer.DemonOptimizerFactory",
            "dev.demon.spring.optimizer.LearningRateScheduleType",
            "dev.demon.spring.optimizer.LearningRateTrackerFactory", "dev.demon.spring.optimizer.OptimizerType",
            "dev.demon.spring.pipeline.PipelineDefinition", "dev.demon.spring.pipeline.TrainingPipeline",
            "dev.demon.spring.report.EpochSummary", "dev.demon.spring.report.ReportJson",
            "dev.demon.spring.serving.ServedModel", "dev.demon.spring.serving.ServedModels",
            "dev.demon.spring.sweep.SweepDefinition", "dev.demon.spring.sweep.SweepReport",
            "dev.demon.spring.training.DemonTrainingListeners", "dev.demon.spring.training.EarlyStoppingMode",
            "dev.demon.spring.training.EarlyStoppingSettings", "dev.demon.spring.training.EngineThreads",
            "dev.demon.spring.training.ModelMonitor", "dev.demon.spring.training.PipelineRun",
            "dev.demon.spring.workspace.Workspace");

    private static final Set<String> TEST_FIXTURES = Set.of("dev.demon.spring.testing.ChildProcess",
            "dev.demon.spring.testing.LoopbackPostgres", "dev.demon.spring.testing.Polling");

    private static final Pattern STARTER_IMPORT = Pattern
        .compile("^import (?:static )?(dev\\.demon\\.spring\\.[\\w.]+);", Pattern.MULTILINE);

    @Test
    void mainSourcesImportOnlyTheStartersPublicApi() throws IOException {
        Set<String> imported = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = STARTER_IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    imported.add(matcher.group(1));
                }
            }
        }

        assertThat(imported).isNotEmpty()
            .isSubsetOf(Stream.concat(PUBLIC_API.stream(), TEST_FIXTURES.stream()).toList());
    }

}
