package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.demon.spring.sweep.SweepReport;
import dev.demon.spring.workspace.Workspace;

/**
 * One grid of the benchmarks run to its report: its sweeps, one after the other, each
 * started as a user starts a sweep ({@code spring.batch.job.name=<sweep>}) in a Spring
 * Boot application of its own in this JVM, then the report of all their
 * {@code sweep.json} files: the comparison's tables ({@code comparison.md}) or the
 * sensitivity's tables and heatmaps ({@code sensitivity.md},
 * {@code sensitivity-<method>.png}) in {@code comparison.output-dir}.
 *
 * <p>
 * The starter resumes an unfinished sweep when it is started again; a sweep whose
 * {@code sweep.json} says COMPLETED is skipped, since starting it again would train a new
 * run. So the same command started again after a failure or a crash finishes the grid
 * without training a finished trial twice.
 */
class GridRun {

    private static final Logger logger = LoggerFactory.getLogger(GridRun.class);

    /** The grid whose report is the heatmaps; any other is a comparison. */
    static final String SENSITIVITY = "sensitivity";

    private static final Map<String, Object> CONFIGURATION = Map.of("spring.config.name", "comparison");

    private final String grid;

    private final String[] arguments;

    /**
     * @param grid {@code comparison} or {@code sensitivity}
     * @param arguments Spring Boot arguments
     */
    GridRun(String grid, String[] arguments) {
        this.grid = grid;
        this.arguments = arguments.clone();
    }

    /**
     * Runs the sweeps that have not completed, then writes the report.
     * @return whether every sweep of the grid COMPLETED
     * @throws IOException when a result cannot be read or the report written
     */
    boolean run() throws IOException {
        Binder configuration = Binder.get(environment());
        ComparisonProperties properties = configuration.bindOrCreate("comparison", ComparisonProperties.class);
        Workspace workspace = new Workspace(
                configuration.bind("demon.checkpoint.dir", Path.class).orElse(Path.of("demon-checkpoints")));
        List<Path> results = new ArrayList<>();
        boolean completed = true;
        for (String sweep : properties.sweeps(grid)) {
            Path result = workspace.sweep(sweep).results();
            results.add(result);
            if (isCompleted(result)) {
                logger.info("Sweep {} COMPLETED earlier ({}): not run again", sweep, result);
                continue;
            }
            train(sweep);
            completed &= isCompleted(result);
        }
        report(properties.outputDir(), SweepResults.trials(results));
        return completed;
    }

    /**
     * The environment the sweeps' applications will have: the arguments over
     * {@code comparison.yml} and its profiles' files.
     */
    private ConfigurableEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
        environment.getPropertySources().addLast(new MapPropertySource("comparison", CONFIGURATION));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }

    private static boolean isCompleted(Path result) throws IOException {
        Optional<SweepReport> report = SweepResults.read(result);
        return report.isPresent() && "COMPLETED".equals(report.get().status());
    }

    private void train(String sweep) {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--spring.batch.job.name=" + sweep);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ComparisonApplication.class)
            .properties(CONFIGURATION)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
        SpringApplication.exit(context);
    }

    private void report(Path folder, List<TrialError> trials) throws IOException {
        Files.createDirectories(folder);
        String report;
        if (SENSITIVITY.equals(grid)) {
            SensitivityHeatmaps heatmaps = new SensitivityHeatmaps(trials);
            heatmaps.draw(folder);
            report = heatmaps.toMarkdown();
        }
        else {
            report = new ComparisonTable(trials).toMarkdown();
        }
        Path file = folder.resolve(grid + ".md");
        Files.writeString(file, report);
        logger.info("{} trials; report in {}\n{}", trials.size(), file.toAbsolutePath(), report);
    }

}
