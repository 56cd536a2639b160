/**
 * Checkpoints of a training run: the model's parameters, the optimizer's state and where
 * training stood, written atomically and checksummed.
 */
@NullMarked
package dev.demon.spring.checkpoint;

import org.jspecify.annotations.NullMarked;
