/**
 * The layout of {@code demon.checkpoint.dir}: where the starter keeps each pipeline's
 * checkpoints, models and report, and its default job repository.
 */
@NullMarked
package dev.demon.spring.workspace;

import org.jspecify.annotations.NullMarked;
