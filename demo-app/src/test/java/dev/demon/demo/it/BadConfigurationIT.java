package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.StringUtils;

import dev.demon.spring.workspace.Workspace;

/**
 * Every kind of bad {@code demon.*} value (out of range, of the wrong type, an unknown
 * optimizer or schedule, zero epochs or batch size) and a misspelt {@code demon.*} key
 * stop the packaged demo before it trains: a non-zero exit code, Spring Boot's
 * "APPLICATION FAILED TO START" report naming the property once, with the value as
 * written and what is allowed, and neither a training step nor a report.
 *
 * <p>
 * One JVM per value, as a user would meet each; two at a time, and compiling with C1 only
 * ({@code -XX:TieredStopAtLevel=1}), which halves the start-up of a JVM that fails within
 * seconds.
 */
class BadConfigurationIT {

    /**
     * A bad value, given on the command line or, with {@code environmentVariable}, in the
     * environment.
     */
    record BadValue(String property, String value, String allowed, String environmentVariable) {

        static BadValue argument(String property, String value, String allowed) {
            return new BadValue(property, value, allowed, null);
        }

        static BadValue environment(String variable, String property, String value, String allowed) {
            return new BadValue(property, value, allowed, variable);
        }

        @Override
        public String toString() {
            return this.environmentVariable != null ? this.environmentVariable + "=" + this.value
                    : "--" + this.property + "=" + this.value;
        }
    }

    private static final String INTERVAL = "must be in [0, 1)";

    private static final List<BadValue> BAD_VALUES = List.of(
            BadValue.argument("demon.optimizer", "rmsprop", "must be one of sgdm, adam"),
            BadValue.argument("demon.momentum.schedule", "quadratic",
                    "must be one of demon, constant, linear, cosine, exponential, one-cycle"),
            BadValue.argument("demon.learning-rate.schedule", "warmup",
                    "must be one of fixed, step, cosine, linear, exponential, one-cycle, plateau"),
            BadValue.argument("demon.momentum.beta-init", "1", INTERVAL),
            BadValue.argument("demon.momentum.beta-init", "-0.1", INTERVAL),
            BadValue.argument("demon.momentum.beta-init", "NaN", INTERVAL),
            BadValue.argument("demon.momentum.beta-init", "high", "must be a number, " + INTERVAL),
            BadValue.argument("demon.momentum.decay-start", "1.5", INTERVAL),
            BadValue.argument("demon.learning-rate.initial", "0", "must be > 0 and finite"),
            BadValue.argument("demon.learning-rate.initial", "Infinity", "must be > 0 and finite"),
            BadValue.argument("demon.weight-decay", "-0.0005", "must be >= 0 and finite"),
            BadValue.argument("demon.epochs", "0", "must be >= 1"),
            BadValue.argument("demon.epochs", "ten", "must be an integer, must be >= 1"),
            BadValue.argument("demon.batch-size", "0", "must be >= 1"),
            BadValue.argument("demon.batch-size", "3.5", "must be an integer, must be >= 1"),
            BadValue.argument("demon.seed", "random", "must be an integer"),
            BadValue.argument("demon.enabled", "maybe", "must be true or false"),
            BadValue.environment("DEMON_MOMENTUM_BETAINIT", "demon.momentum.beta-init", "1.2", INTERVAL), BadValue
                .argument("demon.optimiser", "adam", "is not a Demon property; the closest one is demon.optimizer"));

    @TempDir
    static Path workDir;

    @TestFactory
    Stream<DynamicTest> badValueStopsTheAppBeforeTrainingNamingTheProperty() {
        ExecutorService twoAtATime = Executors.newFixedThreadPool(2);
        List<Future<Run>> runs = new ArrayList<>();
        for (int i = 0; i < BAD_VALUES.size(); i++) {
            BadValue bad = BAD_VALUES.get(i);
            Path dir = workDir.resolve("value-" + i);
            runs.add(twoAtATime.submit(() -> Run.start(bad, dir)));
        }
        twoAtATime.shutdown();
        return BAD_VALUES.stream()
            .map(bad -> dynamicTest(bad.toString(),
                    () -> stopsBeforeTraining(bad, runs.get(BAD_VALUES.indexOf(bad)).get())));
    }

    private static void stopsBeforeTraining(BadValue bad, Run run) throws IOException {
        String log = run.log();
        assertThat(run.exitCode()).as("exit code; log:%n%s", log).isNotZero();
        assertThat(log).contains("APPLICATION FAILED TO START").contains("Invalid Demon configuration:");
        String named = bad.property() + " = \"" + bad.value() + "\"";
        assertThat(log).contains(named).contains(bad.allowed()).contains(bad.property() + " " + bad.allowed());
        assertThat(StringUtils.countOccurrencesOf(log, named)).as("times %s is named", named).isOne();
        if (bad.environmentVariable() != null) {
            assertThat(log).contains(bad.environmentVariable());
        }
        assertThat(log).doesNotContain("Executing step").doesNotContain("training from scratch");
        assertThat(new Workspace(run.checkpointDir()).pipeline(MlpJob.PIPELINE).report()).doesNotExist();
    }

    /** The demo started with one bad value, run to its exit. */
    record Run(Path workDir, Path checkpointDir, int exitCode) {

        static Run start(BadValue bad, Path workDir) throws IOException, InterruptedException {
            Files.createDirectories(workDir);
            Path checkpoints = workDir.resolve("checkpoints");
            Map<String, String> environment = new HashMap<>();
            environment.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
            List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                    "--spring.batch.job.name=" + MlpJob.PIPELINE, "--demon.checkpoint.dir=" + checkpoints,
                    // Should a value slip through, its training is over in seconds.
                    "--demo.data.training-samples=500", "--demo.data.validation-samples=100"));
            if (bad.environmentVariable() != null) {
                environment.put(bad.environmentVariable(), bad.value());
            }
            else {
                args.add("--" + bad.property() + "=" + bad.value());
            }
            Process process = DemoJar.start(workDir, environment, args.toArray(String[]::new));
            try {
                // A bound against a hung JVM only, not a performance check.
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The demo did not exit; see " + DemoJar.log(workDir));
                }
                return new Run(workDir, checkpoints, process.exitValue());
            }
            finally {
                process.destroyForcibly();
            }
        }

        String log() throws IOException {
            return Files.readString(DemoJar.log(this.workDir));
        }
    }

}
