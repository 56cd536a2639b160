/**
 * What a user implements: a {@link dev.demon.spring.pipeline.PipelineDefinition}
 * annotated with {@link dev.demon.spring.pipeline.TrainingPipeline}.
 */
@NullMarked
package dev.demon.spring.pipeline;

import org.jspecify.annotations.NullMarked;
