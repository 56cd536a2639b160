package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.checkpoint.CheckpointStore;

import dev.demon.spring.testing.LoopbackPostgres;
import dev.demon.spring.workspace.Workspace;

/**
 * The demo's MLP job ({@code fashion-mnist-mlp}) as the fault tests run it through the
 * packaged jar: headless, {@value #EPOCHS} epochs over the first
 * {@value #TRAINING_SAMPLES} training images in batches of {@value #BATCH_SIZE},
 * validated on the first 1000 test images, Demon SGDM from β_init = {@value #BETA_INIT},
 * with {@code demon.seed} set and the starter's default threads.
 *
 * <p>
 * Seed and thread count are what make a resumed run bit-identical to an uninterrupted one
 * on the same machine: the seed fixes the initial parameters and every epoch's shuffling
 * (the starter reseeds with seed + epoch), and the same thread counts on every start fix
 * how oneDNN and MKL split their sums (runs with 1 and with 2 threads differ in the last
 * bits from the first epoch on). The tests keep the starter's default (on MXNet:
 * NaiveEngine, one OpenMP thread per processor), which is what a user's runs get.
 *
 * <p>
 * An epoch is {@value #BATCHES_PER_EPOCH} updates, long enough (over a second) for a test
 * to kill the process while one runs.
 */
final class MlpJob {

    static final String PIPELINE = "fashion-mnist-mlp";

    static final int EPOCHS = 4;

    static final int TRAINING_SAMPLES = 20_000;

    static final int BATCH_SIZE = 32;

    /** ceil(20 000 / 32): the starter keeps the last, smaller batch. */
    static final long BATCHES_PER_EPOCH = (TRAINING_SAMPLES + BATCH_SIZE - 1) / BATCH_SIZE;

    /** T, the number of optimizer updates of the whole job. */
    static final long TOTAL_UPDATES = EPOCHS * BATCHES_PER_EPOCH;

    /** The step after the epochs that decides whether the run's best model is served. */
    static final String PROMOTION_STEP = PIPELINE + "-promotion";

    /**
     * T of the job over another number of training images.
     * @param trainingSamples {@code demo.data.training-samples}
     * @return {@value #EPOCHS} epochs of ceil(samples / {@value #BATCH_SIZE}) updates
     */
    static long totalUpdates(int trainingSamples) {
        return EPOCHS * ((trainingSamples + BATCH_SIZE - 1) / BATCH_SIZE);
    }

    static final float BETA_INIT = 0.9f;

    /**
     * Environment of every run on top of the test JVM's, which sets no thread variable:
     * the starter chooses the threads, the same on every start.
     */
    static final Map<String, String> ENVIRONMENT = Map.of();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path checkpointDir;

    private final Map<String, String> properties;

    private MlpJob(Path checkpointDir, Map<String, String> properties) {
        this.checkpointDir = checkpointDir;
        this.properties = properties;
    }

    /**
     * The job with its checkpoints, report and JobRepository in {@code checkpointDir}.
     */
    static MlpJob keepingCheckpointsIn(Path checkpointDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.batch.job.name", PIPELINE);
        properties.put("demon.checkpoint.dir", checkpointDir.toAbsolutePath().toString());
        properties.put("demon.epochs", Integer.toString(EPOCHS));
        properties.put("demon.batch-size", Integer.toString(BATCH_SIZE));
        properties.put("demon.momentum.schedule", "demon");
        properties.put("demon.momentum.beta-init", Float.toString(BETA_INIT));
        properties.put("demon.seed", "7");
        properties.put("demo.data.training-samples", Integer.toString(TRAINING_SAMPLES));
        properties.put("demo.data.validation-samples", "1000");
        return new MlpJob(checkpointDir, properties);
    }

    /**
     * The same job with one property set otherwise. Replaces rather than adds: Spring
     * Boot joins a property given twice on the command line with a comma.
     */
    MlpJob with(String property, String value) {
        Map<String, String> changed = new LinkedHashMap<>(this.properties);
        changed.put(property, value);
        return new MlpJob(this.checkpointDir, changed);
    }

    /**
     * The same job with its JobRepository in a PostgreSQL database, its Batch schema
     * created at start-up, as docs/several-instances.md tells users to set it;
     * checkpoints stay in the checkpoint folder.
     */
    MlpJob withJobRepositoryIn(LoopbackPostgres postgres) {
        return with("spring.datasource.url", postgres.jdbcUrl()).with("spring.datasource.username", "postgres")
            .with("spring.batch.jdbc.initialize-schema", "always");
    }

    /**
     * The same job keeping its checkpoints elsewhere, such as in a copy of this job's
     * folder.
     */
    MlpJob withCheckpointsIn(Path otherDir) {
        return new MlpJob(otherDir, this.properties).with("demon.checkpoint.dir", otherDir.toAbsolutePath().toString());
    }

    /**
     * Runs the job to its end, as {@code java -jar demo-app.jar --...} would.
     * @param workDir the process's working folder; receives its output in
     * {@code demo.log}
     * @return the exit code
     */
    int run(Path workDir) throws IOException, InterruptedException {
        Process process = start(workDir);
        try {
            // A bound against a hung JVM only, far above any expected run time: not a
            // performance check.
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The demo did not exit; see " + DemoJar.log(workDir));
            }
            return process.exitValue();
        }
        finally {
            process.destroyForcibly();
        }
    }

    /**
     * Starts the job and kills it with SIGKILL ({@link Process#destroyForcibly()} on
     * Linux, the equivalent of {@code kill -9}) as soon as it has started training epoch
     * {@code epoch}.
     * @return the exit value of the killed process: 128 + 9 when SIGKILL ended it
     */
    int killDuringEpoch(int epoch, Path workDir) throws IOException, InterruptedException {
        Process process = startUntilLogged(stepStarted(epoch), workDir);
        try {
            process.destroyForcibly();
            return process.waitFor();
        }
        finally {
            process.destroyForcibly();
        }
    }

    /**
     * What Spring Batch logs when it starts the step of an epoch, which it does after
     * recording the step as STARTED in the JobRepository.
     */
    static String stepStarted(int epoch) {
        return "Executing step: [" + PIPELINE + "-epoch-" + epoch + "]";
    }

    /**
     * Starts the job and returns once its log shows {@code line}; the caller then owns
     * the process.
     */
    Process startUntilLogged(String line, Path workDir) throws IOException, InterruptedException {
        Path log = DemoJar.log(workDir);
        return startUntil("logging " + line, () -> Files.readString(log).contains(line), workDir);
    }

    /**
     * Starts the job and returns once {@code reached} holds, checked every 20 ms; the
     * caller then owns the process.
     * @param what what {@code reached} waits for, for failure messages
     */
    Process startUntil(String what, Milestone reached, Path workDir) throws IOException, InterruptedException {
        Path log = DemoJar.log(workDir);
        Process process = start(workDir);
        boolean logged = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!reached.isReached()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "The demo exited with " + process.exitValue() + " before " + what + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The demo never got to " + what + "; see " + log);
                }
                Thread.sleep(20);
            }
            logged = true;
            return process;
        }
        finally {
            if (!logged) {
                process.destroyForcibly();
            }
        }
    }

    /** A point a run of the job gets to, as the files it writes show. */
    @FunctionalInterface
    interface Milestone {

        boolean isReached() throws IOException;

    }

    private Process start(Path workDir) throws IOException {
        List<String> args = this.properties.entrySet()
            .stream()
            .map(property -> "--" + property.getKey() + "=" + property.getValue())
            .toList();
        return DemoJar.start(workDir, ENVIRONMENT, args.toArray(String[]::new));
    }

    Path checkpointDir() {
        return this.checkpointDir;
    }

    /**
     * {@code <demon.checkpoint.dir>/fashion-mnist-mlp/report.json}, written when the job
     * ends.
     */
    Path reportFile() {
        return new Workspace(this.checkpointDir).pipeline(PIPELINE).report();
    }

    JsonNode report() {
        return JSON.readTree(reportFile().toFile());
    }

    /**
     * What the report says training achieved, epoch by epoch: every figure of its history
     * but the wall-clock one (samples per second).
     */
    List<JsonNode> learningHistory() {
        return report().get("history")
            .valueStream()
            .map(epoch -> (JsonNode) epoch.deepCopy().asObject().without("samplesPerSecond"))
            .toList();
    }

    /**
     * The model parameters in the newest checkpoint, as DJL's
     * {@code Block.saveParameters} wrote them.
     */
    byte[] latestParameters() throws IOException {
        CheckpointStore checkpoints = checkpoints();
        return checkpoints.read(checkpoints.files().get(0)).parameters();
    }

    /**
     * The checkpoints of the job's only instance,
     * {@code <demon.checkpoint.dir>/fashion-mnist-mlp/run-<id>}.
     */
    CheckpointStore checkpoints() throws IOException {
        Path pipeline = this.checkpointDir.resolve(PIPELINE);
        try (Stream<Path> runs = Files.list(pipeline)) {
            List<Path> folders = runs.filter(Files::isDirectory)
                .filter(folder -> folder.getFileName().toString().startsWith("run-"))
                .toList();
            if (folders.size() != 1) {
                throw new IllegalStateException(
                        "Expected one job instance's checkpoint folder in " + pipeline + ", found " + folders);
            }
            return new CheckpointStore(folders.get(0));
        }
    }

}
