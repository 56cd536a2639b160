package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.demon.spring.workspace.Workspace;

/**
 * The same jar on DJL's PyTorch engine ({@code --demon.engine=pytorch}; the demo carries
 * MXNet and PyTorch, and MXNet is DJL's default): the quick job completes and records the
 * engine; {@link MlpJob} killed with SIGKILL during epoch 3 and started again resumes
 * bit-identical to an uninterrupted PyTorch run (same seed, same thread count); its
 * checkpoints are never read by MXNet; and a process that trains nothing serves the
 * PyTorch model it saved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyTorchEngineIT {

    private static final String PYTORCH = "pytorch";

    /** The quick profile's validation set: the first 1000 test images. */
    private static final int VALIDATION_SAMPLES = 1000;

    /**
     * Half of {@link MlpJob}'s images: epochs of 313 updates, still over a second each.
     */
    private static final String TRAINING_SAMPLES = "10000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path workDir;

    private MlpJob uninterrupted;

    private int uninterruptedExitCode;

    private MlpJob killed;

    private int killedExitCode;

    private Path killedCopy;

    private int resumedExitCode;

    private String resumedLog;

    @BeforeAll
    void trainUninterruptedThenKillDuringEpochThreeAndResume(@TempDir Path workDir) throws Exception {
        this.workDir = workDir;
        this.uninterrupted = onPyTorch(MlpJob.keepingCheckpointsIn(workDir.resolve("uninterrupted/checkpoints")));
        this.uninterruptedExitCode = this.uninterrupted.run(Files.createDirectories(workDir.resolve("uninterrupted")));
        this.killed = onPyTorch(MlpJob.keepingCheckpointsIn(workDir.resolve("killed/checkpoints")));
        this.killedExitCode = this.killed.killDuringEpoch(3, Files.createDirectories(workDir.resolve("killed")));
        this.killedCopy = workDir.resolve("killed-copy/checkpoints");
        FileSystemUtils.copyRecursively(this.killed.checkpointDir(), this.killedCopy);
        Path resumeDir = Files.createDirectories(workDir.resolve("resume"));
        this.resumedExitCode = this.killed.run(resumeDir);
        this.resumedLog = Files.readString(DemoJar.log(resumeDir));
    }

    private static MlpJob onPyTorch(MlpJob job) {
        return job.with("demon.engine", PYTORCH).with("demo.data.training-samples", TRAINING_SAMPLES);
    }

    @Test
    void quickJobOnPyTorchCompletesAndRecordsTheEngine() throws Exception {
        Path checkpoints = this.workDir.resolve("quick/checkpoints");
        Path runDir = Files.createDirectories(this.workDir.resolve("quick"));

        int exitCode = DemoJar.runHeadless(runDir, "--spring.profiles.active=quick", "--demon.engine=" + PYTORCH,
                "--demon.checkpoint.dir=" + checkpoints);

        assertThat(exitCode).as("exit code; log: %s", Files.readString(DemoJar.log(runDir))).isZero();
        JsonNode report = JSON.readTree(new Workspace(checkpoints).pipeline("fashion-mnist-cnn").report().toFile());
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("updatesDone").asLong()).isEqualTo(16);
        assertThat(report.get("configuration").get("engine").asString()).isEqualTo("PyTorch");
        assertThat(report.get("configuration").get("engineVersion").asString()).isEqualTo("2.7.1");
    }

    @Test
    void runKilledDuringEpochThreeResumesBitForBitLikeAnUninterruptedRun() throws Exception {
        assertThat(this.uninterruptedExitCode).as("exit code of the uninterrupted run").isZero();
        assertThat(this.killedExitCode).as("exit value of the killed process").isEqualTo(137);
        assertThat(this.resumedExitCode).as("exit code; log:%n%s", this.resumedLog).isZero();
        assertThat(this.resumedLog).contains("resuming after epoch 2").doesNotContain(MlpJob.stepStarted(2));
        assertThat(this.killed.report().get("configuration").get("engine").asString()).isEqualTo("PyTorch");
        assertThat(this.killed.learningHistory()).as("report history but samples/s")
            .isEqualTo(this.uninterrupted.learningHistory());
        assertThat(this.killed.latestParameters()).as("model parameters after epoch 4")
            .isEqualTo(this.uninterrupted.latestParameters());
    }

    @Test
    void runStartedOnPyTorchIsNotResumedOnMxnet() throws Exception {
        Path runDir = Files.createDirectories(this.workDir.resolve("on-mxnet"));

        int exitCode = this.killed.withCheckpointsIn(this.killedCopy).with("demon.engine", "mxnet").run(runDir);

        String log = Files.readString(DemoJar.log(runDir));
        assertThat(exitCode).as("exit code; log:%n%s", log).isNotZero();
        assertThat(log).contains("APPLICATION FAILED TO START")
            .containsPattern("engine: PyTorch 2\\.7\\.1 when the run started, MXNet \\S+ now")
            .contains("demon.engine=pytorch, with the engine PyTorch 2.7.1 on the class path")
            .doesNotContain(MlpJob.stepStarted(3));
    }

    @Test
    void modelTrainedOnPyTorchIsServedOnPyTorchAsAccuratelyAsItValidated() throws Exception {
        JsonNode bestModel = this.uninterrupted.report().get("bestModel");
        int correct = 0;
        try (ServingProcess serving = ServingProcess.start(this.workDir.resolve("serving"),
                this.uninterrupted.checkpointDir(), "--demon.engine=" + PYTORCH);
                TestSetImages testSet = new TestSetImages()) {
            for (int index = 0; index < VALIDATION_SAMPLES; index++) {
                TestSetImages.TestImage image = testSet.get(index);
                HttpResponse<String> answer = serving.predict("image/png", image.png());
                assertThat(answer.statusCode()).as(serving.logTail()).isEqualTo(200);
                if (JSON.readTree(answer.body()).get("index").asInt() == image.label()) {
                    correct++;
                }
            }
        }
        // The job validated on these very images, in batches; one image at a time may
        // round differently in the last bits, which moves at most an image or two across
        // a decision boundary.
        assertThat((double) correct / VALIDATION_SAMPLES).isCloseTo(bestModel.get("validationAccuracy").asDouble(),
                offset(0.002));
    }

}
