package dev.demon.spring.pipeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Declares a training pipeline: the annotated class implements {@link PipelineDefinition}
 * and becomes a Spring bean, and the Demon starter turns it into a Spring Batch job named
 * {@link #name()} with one step per epoch ({@code <name>-epoch-<n>}).
 *
 * <pre>{@code
 * &#64;TrainingPipeline(name = "fashion-mnist-mlp", epochs = 10, batchSize = 128)
 * class FashionMnistMlp implements PipelineDefinition {
 *
 *     // A folder holding DJL's Fashion-MNIST files: DJL reads them there and downloads nothing.
 *     private final Repository data = Repository.newInstance("fashion-mnist", Path.of("data/fashion-mnist"));
 *
 *     public Block model() {
 *         return new Mlp(28 * 28, 10, new int[] {128, 64});
 *     }
 *
 *     public RandomAccessDataset trainingSet(int batchSize) {
 *         return FashionMnist.builder().optRepository(data).optUsage(Dataset.Usage.TRAIN)
 *                 .setSampling(batchSize, true).build();
 *     }
 *
 *     public RandomAccessDataset validationSet(int batchSize) {
 *         return FashionMnist.builder().optRepository(data).optUsage(Dataset.Usage.TEST)
 *                 .setSampling(batchSize, false).build();
 *     }
 *
 *     public Loss loss() {
 *         return Loss.softmaxCrossEntropyLoss();
 *     }
 * }
 * }</pre>
 *
 * <p>
 * {@code demon.epochs} and {@code demon.batch-size} override the declared defaults of
 * every pipeline, {@code demon.pipelines.<name>.epochs} and
 * {@code demon.pipelines.<name>.batch-size} those of this one (as
 * {@code demon.pipelines.<name>.*} does every training property); {@link #monitor()}
 * overrides {@code demon.model.monitor} for this one. The job's bean is named
 * {@code <name>-job} (the pipeline bean itself is named {@code <name>});
 * {@code spring.batch.job.name=<name>} selects the job run at start-up when there are
 * several.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TrainingPipeline {

    /**
     * The pipeline's name: the Spring Batch job name, the {@code pipeline} metrics tag
     * and the folder of its checkpoints under {@code demon.checkpoint.dir}. Lowercase
     * letters, digits and dashes.
     * @return the pipeline's name
     */
    @AliasFor(annotation = Component.class, attribute = "value")
    String name();

    /**
     * Number of epochs (passes over the training set) unless
     * {@code demon.pipelines.<name>.epochs} or {@code demon.epochs} is set.
     * @return the default number of epochs, &gt;= 1
     */
    int epochs() default 10;

    /**
     * Mini-batch size unless {@code demon.pipelines.<name>.batch-size} or
     * {@code demon.batch-size} is set.
     * @return the default batch size, &gt;= 1
     */
    int batchSize() default 128;

    /**
     * Which epoch's model {@code best-model/} holds: {@code validation-accuracy} (highest
     * wins; the pipeline must have an {@code ai.djl.training.evaluator.Accuracy} among
     * its {@link PipelineDefinition#evaluators()}) or {@code validation-loss} (lowest
     * wins). Empty, the default, leaves the choice to {@code demon.model.monitor}, and
     * when that is not set either: validation accuracy for a pipeline with an accuracy
     * evaluator, validation loss for one without. A value that cannot work for the
     * pipeline stops the application at start-up, naming the pipeline.
     * @return the monitor, or empty for the default
     */
    String monitor() default "";

}
