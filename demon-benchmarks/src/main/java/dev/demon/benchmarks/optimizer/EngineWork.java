package dev.demon.benchmarks.optimizer;

import ai.djl.engine.Engine;
import ai.djl.mxnet.jna.JnaUtils;

/**
 * Waiting for the default engine to finish the operators it was given, so that a
 * benchmark times an update and not its enqueueing.
 */
final class EngineWork {

    private EngineWork() {
    }

    /**
     * Returns once every operator given to the default engine has run: MXNet queues them
     * ({@code MXNDArrayWaitAll} waits for its queue); PyTorch runs CPU operators eagerly,
     * so they have run when the call that made them returns.
     */
    static void awaitAll() {
        if ("MXNet".equals(Engine.getDefaultEngineName())) {
            JnaUtils.waitAll();
        }
    }

}
