package dev.demon.spring.checkpoint;

/**
 * One checkpoint: the run's state, the model parameters as DJL's {@code Block.saveParameters}
 * writes them, and the optimizer state as {@code StatefulOptimizer.saveState} writes it.
 *
 * @param state epoch, global step, history and parameter ids
 * @param parameters the block's parameters
 * @param optimizerState every optimizer buffer and counter
 */
public record Checkpoint(TrainingState state, byte[] parameters, byte[] optimizerState) {
}
