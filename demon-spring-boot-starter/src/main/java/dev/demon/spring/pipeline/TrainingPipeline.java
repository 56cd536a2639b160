package dev.demon.spring.pipeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Declares a training pipeline: the annotated class implements {@link PipelineDefinition} and
 * becomes a Spring bean, and the Demon starter turns it into a Spring Batch job named
 * {@link #name()} with one step per epoch ({@code <name>-epoch-<n>}).
 *
 * <pre>{@code
 * @TrainingPipeline(name = "fashion-mnist-mlp", epochs = 10, batchSize = 128)
 * class FashionMnistMlp implements PipelineDefinition { ... }
 * }</pre>
 *
 * <p>{@code demon.epochs} and {@code demon.batch-size} override the declared defaults of every pipeline.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TrainingPipeline {

    /**
     * The pipeline's name: the Spring Batch job name, the {@code pipeline} metrics tag and the
     * folder of its checkpoints under {@code demon.checkpoint.dir}. Lowercase letters, digits and
     * dashes.
     *
     * @return the pipeline's name
     */
    @AliasFor(annotation = Component.class, attribute = "value")
    String name();

    /**
     * Number of epochs (passes over the training set) unless {@code demon.epochs} is set.
     *
     * @return the default number of epochs, &gt;= 1
     */
    int epochs() default 10;

    /**
     * Mini-batch size unless {@code demon.batch-size} is set.
     *
     * @return the default batch size, &gt;= 1
     */
    int batchSize() default 128;
}
