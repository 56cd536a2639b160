package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.workspace.Workspace;

/**
 * A regression's saved model (tabular rows in, one number per row out, no evaluators)
 * loads in any JVM as docs/trained-models.md shows: DJL's {@link Criteria} with the
 * pipeline's block and a {@link NoopTranslator}, an {@link NDList} of rows in and out. It
 * predicts exactly what the training process's own {@link ServedModels} predicts from the
 * same folder.
 */
class SavedRegressionModelTest {

    /** Three rows of {@code RegressionDataset}'s four features. */
    private static final float[][] ROWS = { { 0.5f, -1.2f, 0.3f, 2.0f }, { -0.7f, 0.1f, 1.1f, -0.4f },
            { 0f, 0f, 0f, 0f } };

    @TempDir
    Path folder;

    /** A user's application: the starter and the regression pipeline. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

    }

    @Test
    void regressionsBestModelLoadsWithCriteriaAndANoopTranslatorAndPredictsAsTheTrainingProcessServesIt()
            throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class,
                RegressionPipeline.class)
            .web(WebApplicationType.NONE)
            .run("--demon.enabled=true", "--demon.checkpoint.dir=" + this.folder, "--demon.epochs=2", "--demon.seed=7",
                    "--spring.batch.job.name=" + RegressionPipeline.NAME)) {
            ServedModels servedModels = context.getBean(ServedModels.class);
            float[] inProcess;
            try (ServedModel<NDList, NDList> served = servedModels.bestModel(RegressionPipeline.NAME, NDList.class,
                    NDList.class, new NoopTranslator()); NDManager manager = NDManager.newBaseManager()) {
                inProcess = served.predict(new NDList(manager.create(ROWS)))
                    .orElseThrow()
                    .singletonOrThrow()
                    .toFloatArray();
            }

            // As docs/trained-models.md shows it.
            Path bestModel = new Workspace(this.folder).pipeline("regression").bestModel();
            Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(bestModel)
                .optModelName("regression")
                .optBlock(new RegressionPipeline().model())
                .optTranslator(new NoopTranslator())
                .optEngine("MXNet")
                .build();
            try (ZooModel<NDList, NDList> model = criteria.loadModel();
                    Predictor<NDList, NDList> predictor = model.newPredictor();
                    NDManager manager = NDManager.newBaseManager()) {
                NDArray rows = manager.create(ROWS);
                NDArray predictions = predictor.predict(new NDList(rows)).singletonOrThrow();
                assertThat(predictions.getShape()).isEqualTo(new Shape(3, 1));
                assertThat(predictions.toFloatArray()).containsExactly(inProcess);
            }
        }
    }

}
