package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.workspace.SweepFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * The demo's sweep ({@code fashion-mnist-mlp-sweep}, declared in its application.yml) as
 * the sweep ITs run it through the packaged jar: made small from the command line, as a
 * user trying it would, to the learning rates {@link #LEARNING_RATES} with Demon for
 * {@value #EPOCHS} epochs each, over the first {@value #TRAINING_SAMPLES} training images
 * in batches of {@value #BATCH_SIZE} (the pipeline's own size); otherwise
 * {@link MlpJob}'s settings (validation on the first 1000 test images, {@code demon.seed}
 * set, the starter's default threads), which make a resumed trial bit-identical to an
 * uninterrupted one.
 *
 * <p>
 * An epoch is {@value #BATCHES_PER_EPOCH} updates, about 0.2 s on a quiet machine, long
 * enough for a test to stop the process inside one.
 */
final class MlpSweep {

    static final String NAME = "fashion-mnist-mlp-sweep";

    /** The swept learning rates, one trial each, in trial order. */
    static final List<String> LEARNING_RATES = List.of("0.05", "0.1");

    static final int EPOCHS = 3;

    static final int TRAINING_SAMPLES = 4000;

    static final int BATCH_SIZE = 128;

    /** ceil(4000 / 128). */
    static final long BATCHES_PER_EPOCH = (TRAINING_SAMPLES + BATCH_SIZE - 1) / BATCH_SIZE;

    /** The trials' keys, in trial order. */
    static final List<String> TRIALS = List.of("trial-0001", "trial-0002");

    /** The worker step of the sweep's partitions: {@code <sweep>-trial:<trial>}. */
    static final String TRIAL_STEP = NAME + "-trial";

    private static final String PARAMETERS = "demon.sweeps." + NAME + ".parameters.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MlpJob job;

    private MlpSweep(MlpJob job) {
        this.job = job;
    }

    /**
     * The sweep with its checkpoints, results and JobRepository in {@code checkpointDir}.
     */
    static MlpSweep keepingCheckpointsIn(Path checkpointDir) {
        return new MlpSweep(properties(MlpJob.keepingCheckpointsIn(checkpointDir)));
    }

    private static MlpJob properties(MlpJob job) {
        return job.with("spring.batch.job.name", NAME)
            .with("demo.data.training-samples", Integer.toString(TRAINING_SAMPLES))
            .with("demon.batch-size", Integer.toString(BATCH_SIZE))
            .with(PARAMETERS + "learning-rate.initial", String.join(",", LEARNING_RATES))
            .with(PARAMETERS + "momentum.schedule", "demon")
            .with(PARAMETERS + "epochs", Integer.toString(EPOCHS));
    }

    /**
     * The arguments that make the demo's sweep this one, for a process that serves it.
     */
    static String[] definition() {
        return new String[] { "--" + PARAMETERS + "learning-rate.initial=" + String.join(",", LEARNING_RATES),
                "--" + PARAMETERS + "momentum.schedule=demon", "--" + PARAMETERS + "epochs=" + EPOCHS };
    }

    /** Runs the sweep to its end; returns the exit code. */
    int run(Path workDir) throws IOException, InterruptedException {
        return this.job.run(workDir);
    }

    /**
     * Starts the sweep and returns a quarter of an epoch into epoch 2 of trial-0002,
     * after trial-0001 completed: a quarter of the time trial-0001's last epoch took
     * after trial-0002 wrote its epoch 1 checkpoint, so that the epoch's end is recorded
     * in the JobRepository too. The caller then owns the process.
     */
    Process startUntilSecondTrialInEpochTwo(Path workDir) throws IOException, InterruptedException {
        Path firstEpoch = trialFolder(TRIALS.get(1)).resolve("epoch-0001.g000001.ckpt");
        Process process = this.job.startUntil("trial-0002's epoch 1 checkpoint", () -> Files.exists(firstEpoch),
                workDir);
        List<Path> lastEpochs = trialCheckpoints(TRIALS.get(0)).files();
        Duration epoch = Duration.between(Files.getLastModifiedTime(lastEpochs.get(1)).toInstant(),
                Files.getLastModifiedTime(lastEpochs.get(0)).toInstant());
        TimeUnit.NANOSECONDS.sleep(epoch.toNanos() / 4);
        return process;
    }

    Path checkpointDir() {
        return this.job.checkpointDir();
    }

    SweepFolder folder() {
        return new Workspace(checkpointDir()).sweep(NAME);
    }

    /**
     * sweep.json of the newest generation, which the sweep writes when its trials are
     * done.
     */
    JsonNode results() {
        return JSON.readTree(folder().results().toFile());
    }

    /** A trial of sweep.json by its key. */
    JsonNode trial(String trial) {
        for (JsonNode each : results().get("trials")) {
            if (each.get("trial").asString().equals(trial)) {
                return each;
            }
        }
        throw new IllegalStateException("No " + trial + " in " + folder().results());
    }

    /** A trial's objective after each epoch, as sweep.json gives them. */
    List<Double> objectives(String trial) {
        List<Double> objectives = new ArrayList<>();
        trial(trial).get("objective").forEach(value -> objectives.add(value.asDouble()));
        return objectives;
    }

    /** The checkpoint folder of a trial of the sweep's only job instance. */
    Path trialFolder(String trial) {
        return folder().trial(1, trial);
    }

    private CheckpointStore trialCheckpoints(String trial) throws IOException {
        return new CheckpointStore(trialFolder(trial));
    }

}
