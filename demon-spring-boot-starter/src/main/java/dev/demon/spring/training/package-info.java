/**
 * The DJL side of training: {@link dev.demon.spring.training.TrainingSession}, its thin
 * loop and its {@code TrainingListener}s, one per concern;
 * {@link dev.demon.spring.training.PipelineRun} runs that loop without Spring Batch.
 */
@NullMarked
package dev.demon.spring.training;

import org.jspecify.annotations.NullMarked;
