package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.fashionmnist.data.FashionMnistLabels;
import dev.demon.demo.it.TestSetImages.TestImage;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.SavedModel;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.workspace.Workspace;

/**
 * The model in use. The quick MLP job, run from the packaged jar as a user runs it, saves
 * {@code model/} and {@code best-model/}; loaded in this JVM with DJL's {@code Criteria}
 * and the pipeline's block, each evaluates on the quick profile's validation set to
 * exactly the figures report.json gives. Processes that train nothing
 * ({@code --spring.batch.job.enabled=false}) serve the best model at
 * {@code POST /predict}: 503 before it exists, then, without a restart, the class of
 * Fashion-MNIST test images sent as PNG and JPEG files, as accurately as the validation
 * said; bad bodies get a 4xx and a JSON {@code error}, never a 500.
 *
 * <p>
 * Every process runs with the starter's default threads, so oneDNN and MKL sum in the
 * same order here as in the training process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionIT {

    private static final String PIPELINE = MlpJob.PIPELINE;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path checkpoints;

    private TestSetImages testSet;

    private ServingProcess besideTraining;

    private HttpResponse<String> beforeAnyModel;

    private int trainingExitCode;

    private TrainingReport report;

    private ServingProcess serving;

    @BeforeAll
    void serveThenTrainTheQuickJobThenServeAgain(@TempDir Path workDir) throws Exception {
        this.checkpoints = workDir.resolve("checkpoints");
        this.testSet = new TestSetImages();
        // Beside a training process on the same folder a server needs a job repository of
        // its own: the H2 file
        // database in the folder opens for one process at a time.
        this.besideTraining = ServingProcess.start(workDir.resolve("serving-beside-training"), this.checkpoints,
                "--spring.datasource.url=jdbc:h2:mem:serving");
        this.beforeAnyModel = this.besideTraining.predict("image/png", this.testSet.get(0).png());
        this.trainingExitCode = DemoJar.runHeadless(Files.createDirectories(workDir.resolve("training")),
                "--spring.profiles.active=quick", "--spring.batch.job.name=" + PIPELINE,
                "--demon.checkpoint.dir=" + this.checkpoints);
        this.report = new ReportWriter().read(new Workspace(this.checkpoints).pipeline(PIPELINE).report());
        // With the defaults, the H2 file job repository the training run left.
        this.serving = ServingProcess.start(workDir.resolve("serving"), this.checkpoints);
    }

    @AfterAll
    void stopTheServers() {
        Stream.of(this.besideTraining, this.serving).filter(process -> process != null).forEach(ServingProcess::close);
        if (this.testSet != null) {
            this.testSet.close();
        }
    }

    @Test
    void quickJobRunFromTheJarSavesTheLastAndTheBestEpochsModel() throws IOException {
        assertThat(this.trainingExitCode).isZero();
        // One epoch in the quick profile: both are epoch 1's parameters, in DJL's file
        // format.
        // The training run held its lease's first generation: its folders are named so.
        assertThat(fileNames(pipelineFolder().resolve("model.g000001"))).containsExactly(PIPELINE + "-0001.params");
        assertThat(fileNames(pipelineFolder().resolve("best-model.g000001")))
            .containsExactly(PIPELINE + "-0001.params");
    }

    @Test
    void reportGivesTheConfigurationAndBothModelsWithTheirValidationFigures() {
        JsonNode json = JSON.readTree(pipelineFolder().resolve("report.g000001.json").toFile());
        assertThat(json.propertyNames()).contains("configuration", "model", "bestModel");
        assertThat(this.report.status()).isEqualTo("COMPLETED");
        assertThat(this.report.configuration().epochs()).isEqualTo(1);
        assertThat(this.report.configuration().batchSize()).isEqualTo(128);
        assertThat(this.report.configuration().seed()).isEqualTo(42);
        assertThat(this.report.configuration().engine()).isEqualTo("MXNet");
        var epoch = this.report.history().get(0);
        assertThat(this.report.model()).isEqualTo(new SavedModel(pipelineFolder().resolve("model.g000001").toString(),
                1, epoch.validationLoss(), epoch.validationAccuracy()));
        assertThat(this.report.bestModel())
            .isEqualTo(new SavedModel(pipelineFolder().resolve("best-model.g000001").toString(), 1,
                    epoch.validationLoss(), epoch.validationAccuracy()));
    }

    @Test
    void eachSavedModelLoadedInAnotherJvmEvaluatesToExactlyTheReportedFigures() throws Exception {
        for (SavedModel saved : List.of(this.report.model(), this.report.bestModel())) {
            try (ZooModel<NDList, NDList> model = SavedMlpModel.load(Path.of(saved.path()))) {
                assertThat(model.getProperty("Epoch")).isEqualTo(Integer.toString(saved.epoch()));
                assertThat(SavedMlpModel.evaluate(model, this.report.configuration().batchSize())).as(saved.path())
                    .containsExactly(saved.validationLoss(), saved.validationAccuracy());
            }
        }
    }

    @Test
    void serverAnswers503WithAnErrorBeforeAnyRunHasCompleted() {
        assertError(this.beforeAnyModel, 503);
        assertThat(this.beforeAnyModel.body()).contains(PIPELINE);
    }

    @Test
    void serverStartedBeforeTheRunServesItsModelOnceItCompletedWithoutARestart() throws Exception {
        TestImage image = this.testSet.get(0);

        HttpResponse<String> answer = this.besideTraining.predict("image/png", image.png());

        assertThat(answer.statusCode()).as(this.besideTraining.logTail()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(this.serving.predict("image/png", image.png()).body());
    }

    @Test
    void answerNamesThePipelineTheLabelItsIndexAndTheTenProbabilities() throws Exception {
        HttpResponse<String> answer = this.serving.predict("image/png", this.testSet.get(0).png());

        assertThat(answer.statusCode()).as(this.serving.logTail()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(answer.body()).propertyNames()).containsExactly("pipeline", "label", "index",
                "probabilities");
        ServedPrediction prediction = JSON.readValue(answer.body(), ServedPrediction.class);
        assertThat(prediction.pipeline()).isEqualTo(PIPELINE);
        assertThat(prediction.label()).isEqualTo(FashionMnistLabels.NAMES.get(prediction.index()));
        assertThat(prediction.probabilities()).hasSize(10);
        assertThat(prediction.probabilities()[prediction.index()]).isEqualTo(max(prediction.probabilities()));
    }

    @Test
    void pngOfAValidationImageGetsExactlyTheProbabilitiesTheSavedModelGivesItsValidationRecord() throws Exception {
        List<float[]> expected = SavedMlpModel.validationProbabilities(Path.of(this.report.bestModel().path()), 20);

        for (int i = 0; i < expected.size(); i++) {
            HttpResponse<String> answer = this.serving.predict("image/png", this.testSet.get(i).png());
            assertThat(JSON.readValue(answer.body(), ServedPrediction.class).probabilities()).as("test image %d", i)
                .containsExactly(expected.get(i));
        }
    }

    @Test
    void enlargedColourCopyOfAnImageGetsExactlyTheProbabilitiesOfTheImageItself() throws Exception {
        for (int i = 0; i < 10; i++) {
            TestImage image = this.testSet.get(i);

            HttpResponse<String> enlarged = this.serving.predict("image/png", image.enlargedColourPng(3));

            assertThat(enlarged.body()).as("test image %d", i)
                .isEqualTo(this.serving.predict("image/png", image.png()).body());
        }
    }

    /**
     * Four hundred test images the model was neither trained nor validated on (test
     * images 1000 to 1399), half as 28 × 28 PNGs, a quarter as JPEGs, a quarter as 84 ×
     * 84 colour PNGs. The served accuracy and the reported one are two estimates of the
     * model's accuracy, from independent samples of n = 400 and m = 1000 images; their
     * difference has the standard error √(p(1 − p)(1/n + 1/m)), about 0.025 at p = 0.76.
     * The bound is four of those: a served model that prepared its images otherwise than
     * training did (unnormalised, say) lands far outside, while a correct one leaves it
     * with a probability below 1e-4 (and the runs are seeded).
     */
    @Test
    void accuracyOnUnseenTestImagesIsWithinSamplingErrorOfTheReportedValidationAccuracy() throws Exception {
        int n = 400;
        int[] correct = new int[3];
        int[] sent = new int[3];
        for (int i = 0; i < n; i++) {
            TestImage image = this.testSet.get(SavedMlpModel.VALIDATION_SAMPLES + i);
            int format = i % 4 < 2 ? 0 : i % 4 - 1;
            byte[] body = switch (format) {
                case 0 -> image.png();
                case 1 -> image.jpeg();
                default -> image.enlargedColourPng(3);
            };
            HttpResponse<String> answer = this.serving.predict(format == 1 ? "image/jpeg" : "image/png", body);
            assertThat(answer.statusCode()).as("test image %d: %s", image.index(), answer.body()).isEqualTo(200);
            sent[format]++;
            if (JSON.readValue(answer.body(), ServedPrediction.class).index() == image.label()) {
                correct[format]++;
            }
        }

        double p = this.report.bestModel().validationAccuracy();
        double accuracy = (double) Arrays.stream(correct).sum() / n;
        double standardError = Math.sqrt(p * (1 - p) * (1.0 / n + 1.0 / SavedMlpModel.VALIDATION_SAMPLES));
        String figures = String.format(
                "served accuracy %.4f (grey PNG %d/%d, JPEG %d/%d, colour PNG %d/%d), "
                        + "reported %.4f, bound ±%.4f (4 × %.4f)",
                accuracy, correct[0], sent[0], correct[1], sent[1], correct[2], sent[2], p, 4 * standardError,
                standardError);
        System.out.println("PredictionIT: " + figures);
        assertThat(Math.abs(accuracy - p)).as(figures).isLessThanOrEqualTo(4 * standardError);
    }

    static Stream<Arguments> badBodies() throws Exception {
        byte[] png;
        try (TestSetImages images = new TestSetImages()) {
            png = images.get(0).png();
        }
        return Stream.of(
                Arguments.of("text that is no image", "image/png", "no image".getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("an empty body", "image/png", new byte[0], 400),
                Arguments.of("a truncated PNG", "image/png", Arrays.copyOf(png, png.length / 2), 400),
                Arguments.of("a PNG said to be a JPEG", "image/jpeg", png, 400),
                Arguments.of("a body of 10 MiB and 1 byte", "image/png", new byte[10 * 1024 * 1024 + 1], 413),
                Arguments.of("a PNG as text/plain", "text/plain", png, 415),
                Arguments.of("a PNG as application/octet-stream", "application/octet-stream", png, 415),
                Arguments.of("a PNG without a Content-Type", null, png, 415),
                Arguments.of("a PNG with a Content-Type that is no media type", "nonsense", png, 415));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("badBodies")
    void badBodyIsRefusedWithAnErrorAndNoStackTrace(String what, String contentType, byte[] body, int status)
            throws Exception {
        assertError(this.serving.predict(contentType, body), status);
    }

    /**
     * The server's answer as a client reads it, probabilities parsed as the floats they
     * were written from.
     */
    record ServedPrediction(String pipeline, String label, int index, float[] probabilities) {
    }

    private static void assertError(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Path pipelineFolder() {
        return this.checkpoints.resolve(PIPELINE).toAbsolutePath().normalize();
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static String[] fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

}
