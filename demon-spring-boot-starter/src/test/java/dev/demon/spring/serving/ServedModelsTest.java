package dev.demon.spring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticDataset;
import dev.demon.spring.testing.FeaturesTranslator;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.workspace.Workspace;

/**
 * A process that trains nothing ({@code spring.batch.job.enabled=false}) serves the best
 * model a completed run of the synthetic pipeline saved, exactly as DJL's
 * {@code Model.load} of that folder predicts, and the model of a newer run as soon as
 * that run has saved it.
 */
class ServedModelsTest {

    @TempDir
    Path checkpoints;

    @Test
    void processThatTrainsNothingServesTheBestModelTheCompletedRunSaved() throws Exception {
        TrainingRun.start(checkpoints, DataFault.NONE);

        try (ConfigurableApplicationContext serving = startServing()) {
            assertThat(serving.getBean(JobRepository.class).getLastJobInstance(SyntheticPipeline.NAME))
                .as("no run in the serving process")
                .isNull();
            ServedModel<float[], float[]> model = bestModel(serving);

            assertThat(predictAll(model)).containsExactlyElementsOf(loadAndPredict(bestModelFolder()));
        }
    }

    @Test
    void newerRunsBestModelIsServedWithoutARestart() throws Exception {
        TrainingRun.start(checkpoints, DataFault.NONE);
        try (ConfigurableApplicationContext serving = startServing()) {
            ServedModel<float[], float[]> model = bestModel(serving);
            List<float[]> first = predictAll(model);

            TrainingRun.startWith(checkpoints, DataFault.NONE, "--demon.learning-rate.initial=4");

            assertThat(bestModelFolder()).as("the second run's, of the lease's second generation")
                .hasFileName("best-model.g000002");
            assertThat(new Workspace(checkpoints).pipeline(SyntheticPipeline.NAME).bestModel(1))
                .as("the first run's, superseded")
                .doesNotExist();
            List<float[]> newer = loadAndPredict(bestModelFolder());
            assertThat(newer.toArray(float[][]::new)).as("the newer run's model predicts otherwise")
                .isNotEqualTo(first.toArray(float[][]::new));
            assertThat(predictAll(model)).containsExactlyElementsOf(newer);
        }
    }

    /**
     * The synthetic application with its job off, as
     * {@code --spring.batch.job.enabled=false} starts it, and its own in-memory job
     * repository: the H2 file database in the checkpoint folder is the training runs',
     * which one process at a time opens.
     */
    private ConfigurableApplicationContext startServing() {
        return new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
            .run("--demon.enabled=true", "--demon.checkpoint.dir=" + checkpoints, "--spring.batch.job.enabled=false",
                    "--spring.datasource.url=jdbc:h2:mem:serving");
    }

    private static ServedModel<float[], float[]> bestModel(ConfigurableApplicationContext serving) {
        return serving.getBean(ServedModels.class)
            .bestModel(SyntheticPipeline.NAME, float[].class, float[].class, new FeaturesTranslator());
    }

    /** The newest generation's best model. */
    private Path bestModelFolder() {
        return new Workspace(checkpoints).pipeline(SyntheticPipeline.NAME).bestModel();
    }

    /** The served model's logits for every validation record, in order. */
    private static List<float[]> predictAll(ServedModel<float[], float[]> model) throws TranslateException {
        List<float[]> logits = new ArrayList<>();
        for (float[] features : validationFeatures()) {
            logits.add(model.predict(features).orElseThrow());
        }
        return logits;
    }

    /**
     * The same, from the folder loaded with DJL's Model.load into the pipeline's block.
     */
    private static List<float[]> loadAndPredict(Path folder)
            throws IOException, MalformedModelException, TranslateException {
        try (Model model = Model.newInstance(SyntheticPipeline.NAME)) {
            model.setBlock(SyntheticPipeline.newBlock());
            model.load(folder);
            List<float[]> logits = new ArrayList<>();
            try (Predictor<float[], float[]> predictor = model.newPredictor(new FeaturesTranslator())) {
                for (float[] features : validationFeatures()) {
                    logits.add(predictor.predict(features));
                }
            }
            return logits;
        }
    }

    private static List<float[]> validationFeatures() {
        SyntheticDataset validation = SyntheticDataset.of(SyntheticPipeline.VALIDATION_SAMPLES, 2,
                SyntheticPipeline.BATCH_SIZE, DataFault.NONE);
        List<float[]> features = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long i = 0; i < validation.size(); i++) {
                features.add(validation.get(manager, i).getData().singletonOrThrow().toFloatArray());
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return features;
    }

}
