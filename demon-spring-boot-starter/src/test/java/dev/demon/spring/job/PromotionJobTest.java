package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

import dev.demon.spring.promotion.ChampionPointer;
import dev.demon.spring.promotion.ModelPromotion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * Champion and challenger with {@code demon.model.promotion=if-better}, as a user's
 * retraining runs them: three runs of the synthetic classifier (monitor: validation
 * accuracy) and three of the regression without evaluators (monitor: validation loss)
 * with the same seed, a weak run (a learning rate too small to learn), a strong one, and
 * a weak one again. The first is promoted (nothing is served yet), the second beats it,
 * the third is rejected and stays on disk. Two more folders, one per pipeline, crash the
 * strong run's promotion step between its recorded decision and the pointer's switch; the
 * restart takes the recorded decision and switches once. A last one trains with the
 * default, {@code always}, then, as a workspace from before versions (no pointer), a weak
 * run that is rejected against the old best-model.
 */
class PromotionJobTest {

    private static final String IF_BETTER = "--demon.model.promotion=if-better";

    private static final String WEAK = "--demon.learning-rate.initial=0.00001";

    @TempDir
    static Path classifierFolder;

    @TempDir
    static Path regressionFolder;

    @TempDir
    static Path classifierCrashFolder;

    @TempDir
    static Path regressionCrashFolder;

    @TempDir
    static Path legacyFolder;

    private static Trained always;

    private static Trained afterLegacy;

    private static final List<Trained> classifier = new ArrayList<>();

    private static final List<Trained> regression = new ArrayList<>();

    private static CrashedPromotion classifierCrash;

    private static CrashedPromotion regressionCrash;

    /** A user's application: the starter, and the pipeline given with it. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

    }

    @BeforeAll
    static void train() throws IOException {
        classifier.add(Trained.run(classifierFolder, SyntheticPipeline.class, SyntheticPipeline.NAME, IF_BETTER, WEAK));
        classifier.add(Trained.run(classifierFolder, SyntheticPipeline.class, SyntheticPipeline.NAME, IF_BETTER,
                "--demon.learning-rate.initial=0.05"));
        classifier.add(Trained.run(classifierFolder, SyntheticPipeline.class, SyntheticPipeline.NAME, IF_BETTER, WEAK));
        regression
            .add(Trained.run(regressionFolder, RegressionPipeline.class, RegressionPipeline.NAME, IF_BETTER, WEAK));
        regression.add(Trained.run(regressionFolder, RegressionPipeline.class, RegressionPipeline.NAME, IF_BETTER,
                "--demon.learning-rate.initial=0.05"));
        regression
            .add(Trained.run(regressionFolder, RegressionPipeline.class, RegressionPipeline.NAME, IF_BETTER, WEAK));
        // The default, always; then a workspace as versions before this one left it: its
        // best-model folder, no pointer, no versions.
        always = Trained.run(legacyFolder, SyntheticPipeline.class, SyntheticPipeline.NAME,
                "--demon.learning-rate.initial=0.05");
        PipelineFolder legacy = new Workspace(legacyFolder).pipeline(SyntheticPipeline.NAME);
        FileSystemUtils.deleteRecursively(legacy.versions());
        Files.delete(legacy.championName().of(1));
        afterLegacy = Trained.run(legacyFolder, SyntheticPipeline.class, SyntheticPipeline.NAME, IF_BETTER, WEAK);
        classifierCrash = CrashedPromotion.run(classifierCrashFolder, SyntheticPipeline.class, SyntheticPipeline.NAME);
        regressionCrash = CrashedPromotion.run(regressionCrashFolder, RegressionPipeline.class,
                RegressionPipeline.NAME);
    }

    static Stream<CrashedPromotion> crashes() {
        return Stream.of(classifierCrash, regressionCrash);
    }

    /** The seam between the recorded decision and the pointer's write throws. */
    private static void crashBeforeTheSwitch(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof TrainingJobFactory factory) {
                    factory.setPromotionSwitchWindow(target -> {
                        throw new IOException("crashed before writing " + target.getFileName());
                    });
                }
                return bean;
            }
        });
    }

    @Test
    void theFirstRunIsPromotedSinceNothingIsServedYet() {
        PromotionDecision first = classifier.get(0).report().promotion();
        assertThat(first.promoted()).isTrue();
        assertThat(first.champion()).isNull();
        assertThat(first.reason()).isEqualTo("no model was served yet");
        assertThat(first.challenger().version()).isEqualTo("run-1.g000001");
    }

    @Test
    void aBetterClassifierIsPromotedWithBothScoresAndRunsInItsReport() {
        TrainingReport weak = classifier.get(0).report();
        TrainingReport strong = classifier.get(1).report();
        PromotionDecision decision = strong.promotion();
        assertThat(decision.mode()).isEqualTo("if-better");
        assertThat(decision.monitor()).isEqualTo("validation-accuracy");
        assertThat(decision.promoted()).isTrue();
        // Evaluated again from the saved versions, the scores are the epochs' own.
        assertThat(decision.challenger().score()).isEqualTo(strong.bestModel().validationAccuracy());
        assertThat(decision.champion().score()).isEqualTo(weak.bestModel().validationAccuracy());
        assertThat(decision.challenger().score()).isGreaterThan(decision.champion().score());
        assertThat(decision.challenger().jobInstanceId()).isEqualTo(2L);
        assertThat(decision.champion().jobInstanceId()).isEqualTo(1L);
        assertThat(decision.champion().version()).isEqualTo("run-1.g000001");
        assertThat(decision.reason()).isEqualTo("the challenger's validation-accuracy " + decision.challenger().score()
                + " is better than the champion's " + decision.champion().score() + " by more than 0.0");
    }

    @Test
    void aWorseClassifierIsRejectedStaysOnDiskAndTheChampionIsStillServed() throws IOException {
        PromotionDecision decision = classifier.get(2).report().promotion();
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.champion().version()).isEqualTo("run-2.g000002");
        assertThat(decision.challenger().score()).isLessThan(decision.champion().score());
        PipelineFolder folder = new Workspace(classifierFolder).pipeline(SyntheticPipeline.NAME);
        assertThat(folder.version("run-3.g000003")).isDirectory();
        assertThat(ChampionPointer.read(folder).orElseThrow().version()).isEqualTo("run-2.g000002");
        assertThat(classifier.get(2).served()).isEqualTo(folder.version("run-2.g000002"));
        assertThat(ModelPromotion.decisions(folder))
            .extracting(d -> d.challenger().version(), PromotionDecision::promoted)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("run-1.g000001", true),
                    org.assertj.core.groups.Tuple.tuple("run-2.g000002", true),
                    org.assertj.core.groups.Tuple.tuple("run-3.g000003", false));
    }

    @Test
    void aBetterRegressionIsPromotedByItsLossWithoutEvaluators() {
        TrainingReport weak = regression.get(0).report();
        TrainingReport strong = regression.get(1).report();
        PromotionDecision decision = strong.promotion();
        assertThat(decision.monitor()).isEqualTo("validation-loss");
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.challenger().score()).isEqualTo(strong.bestModel().validationLoss());
        assertThat(decision.champion().score()).isEqualTo(weak.bestModel().validationLoss());
        assertThat(decision.challenger().score()).isLessThan(decision.champion().score());
        assertThat(regression.get(1).served())
            .isEqualTo(new Workspace(regressionFolder).pipeline(RegressionPipeline.NAME).version("run-2.g000002"));
    }

    @Test
    void aWorseRegressionIsRejectedAndTheChampionIsStillServed() throws IOException {
        PromotionDecision decision = regression.get(2).report().promotion();
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.challenger().score()).isGreaterThan(decision.champion().score());
        PipelineFolder folder = new Workspace(regressionFolder).pipeline(RegressionPipeline.NAME);
        assertThat(folder.version("run-3.g000003")).isDirectory();
        assertThat(regression.get(2).served()).isEqualTo(folder.version("run-2.g000002"));
        assertThat(regression.get(2).status()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void byDefaultEveryRunIsPromotedWithoutEvaluation() {
        PromotionDecision decision = always.report().promotion();
        assertThat(decision.mode()).isEqualTo("always");
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.challenger().score()).isNull();
        assertThat(always.promotionStepRuns()).isEqualTo(1);
    }

    @Test
    void aWorseRunInAWorkspaceWithoutAPointerKeepsServingTheOldBestModel() throws IOException {
        PromotionDecision decision = afterLegacy.report().promotion();
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.champion().version()).isEqualTo("best-model.g000001");
        assertThat(decision.champion().jobInstanceId()).isNull();
        PipelineFolder folder = new Workspace(legacyFolder).pipeline(SyntheticPipeline.NAME);
        // The run's own best-model.g000002 superseded best-model.g000001; the champion
        // was kept as a version first.
        assertThat(folder.bestModel()).isEqualTo(folder.bestModel(2));
        assertThat(folder.bestModel(1)).doesNotExist();
        assertThat(afterLegacy.served()).isEqualTo(folder.version("best-model.g000001"));
        assertThat(folder.version("best-model.g000001").resolve("synthetic-0002.params")).isRegularFile();
    }

    @Test
    void servedModelsPredictsWithTheChampionNotTheNewerRejectedModel() throws Exception {
        PipelineFolder folder = new Workspace(regressionFolder).pipeline(RegressionPipeline.NAME);
        float[] champion = predict(folder.version("run-2.g000002"));
        float[] rejected = predict(folder.bestModel());
        assertThat(folder.bestModel()).isEqualTo(folder.bestModel(3));
        try (ServedModels served = new ServedModels(new Workspace(regressionFolder),
                Map.of(RegressionPipeline.NAME, new RegressionPipeline()), "MXNet");
                ServedModel<NDList, NDList> model = served.bestModel(RegressionPipeline.NAME, NDList.class,
                        NDList.class, new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            float[] predicted = model.predict(new NDList(manager.create(ROWS)))
                .orElseThrow()
                .singletonOrThrow()
                .toFloatArray();
            assertThat(predicted).containsExactly(champion);
            assertThat(predicted).isNotEqualTo(rejected);
        }
    }

    private static final float[][] ROWS = { { 0.5f, -1.2f, 0.3f, 2.0f }, { -0.7f, 0.1f, 1.1f, -0.4f } };

    /** What the regression model in a folder predicts for {@link #ROWS}. */
    private static float[] predict(Path modelFolder) throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(modelFolder)
            .optModelName(RegressionPipeline.NAME)
            .optBlock(RegressionPipeline.newBlock())
            .optTranslator(new NoopTranslator())
            .optEngine("MXNet")
            .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager()) {
            return predictor.predict(new NDList(manager.create(ROWS))).singletonOrThrow().toFloatArray();
        }
    }

    @ParameterizedTest
    @MethodSource("crashes")
    void aCrashBetweenTheDecisionAndTheSwitchLeavesTheOldChampionServed(CrashedPromotion crash) {
        Trained crashed = crash.crashed();
        assertThat(crashed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(crashed.report().promotion().promoted()).isTrue();
        assertThat(crashed.served()).isEqualTo(crash.folder().version(crash.beforeCrash().version()));
    }

    @ParameterizedTest
    @MethodSource("crashes")
    void theRestartTakesTheRecordedDecisionAndSwitchesExactlyOnce(CrashedPromotion crash) throws IOException {
        Trained crashed = crash.crashed();
        Trained restarted = crash.restarted();
        assertThat(restarted.status()).isEqualTo(BatchStatus.COMPLETED);
        PromotionDecision decision = restarted.report().promotion();
        assertThat(decision).isEqualTo(crashed.report().promotion());
        assertThat(decision.decidedByJobExecution()).isEqualTo(crashed.jobExecutionId());
        assertThat(restarted.promotionStepRuns()).isEqualTo(2);
        PipelineFolder folder = crash.folder();
        try (Stream<Path> pointers = Files.list(folder.folder())) {
            assertThat(pointers.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("champion")))
                .containsExactly("champion.g000003.json");
        }
        ChampionPointer pointer = ChampionPointer.read(folder).orElseThrow();
        assertThat(pointer.version()).isEqualTo("run-2.g000002");
        assertThat(pointer.promotedByJobExecution()).isEqualTo(restarted.jobExecutionId());
        assertThat(restarted.served()).isEqualTo(folder.version("run-2.g000002"));
    }

    /**
     * A weak run, then a strong one whose promotion step crashes between its recorded
     * decision and the pointer's switch, then the strong one's restart, in one folder.
     *
     * @param folder the pipeline's folder
     * @param beforeCrash the weak run, the champion when the crash comes
     * @param crashed the strong run that crashed
     * @param restarted its restart
     */
    record CrashedPromotion(PipelineFolder folder, Trained beforeCrash, Trained crashed, Trained restarted) {

        static CrashedPromotion run(Path folder, Class<?> pipeline, String name) throws IOException {
            Trained beforeCrash = Trained.run(folder, pipeline, name, IF_BETTER, WEAK);
            Trained crashed = Trained.run(folder, pipeline, name, PromotionJobTest::crashBeforeTheSwitch, IF_BETTER,
                    "--demon.learning-rate.initial=0.05");
            Trained restarted = Trained.run(folder, pipeline, name, IF_BETTER, "--demon.learning-rate.initial=0.05");
            return new CrashedPromotion(new Workspace(folder).pipeline(name), beforeCrash, crashed, restarted);
        }

        @Override
        public String toString() {
            return folder.folder().getFileName().toString();
        }

    }

    /**
     * What one start did.
     *
     * @param status the job's last execution's status
     * @param report the newest report
     * @param jobExecutionId the last execution
     * @param promotionStepRuns how many times the job instance's promotion step ran
     * @param served the folder ServedModels serves the pipeline from afterwards
     */
    record Trained(BatchStatus status, TrainingReport report, long jobExecutionId, long promotionStepRuns,
            Path served) {

        static Trained run(Path folder, Class<?> pipeline, String name, String... properties) throws IOException {
            return run(folder, pipeline, name, context -> {
            }, properties);
        }

        static Trained run(Path folder, Class<?> pipeline, String name,
                Consumer<ConfigurableApplicationContext> initializer, String... properties) throws IOException {
            List<String> args = new ArrayList<>(List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                    "--demon.epochs=2", "--demon.seed=7", "--spring.batch.job.name=" + name));
            args.addAll(List.of(properties));
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class, pipeline)
                .web(WebApplicationType.NONE)
                .initializers(initializer::accept)
                .run(args.toArray(String[]::new))) {
                JobRepository jobs = context.getBean(JobRepository.class);
                JobInstance instance = jobs.getLastJobInstance(name);
                JobExecution execution = jobs.getLastJobExecution(instance);
                TrainingReport report = new ReportWriter().read(new Workspace(folder).pipeline(name).report());
                return new Trained(execution.getStatus(), report, execution.getId(),
                        jobs.getStepExecutionCount(instance, PromotionTasklet.stepName(name)),
                        context.getBean(ServedModels.class).bestModelFolder(name));
            }
            catch (org.springframework.batch.core.step.NoSuchStepException ex) {
                throw new IllegalStateException(ex);
            }
        }

        String version() {
            return report.promotion().challenger().version();
        }

    }

}
