package dev.demon.spring.training;

import java.util.function.UnaryOperator;

/**
 * What the engine computes with, reported before its native library loads, so that the
 * log says the thread count a seeded run's bit-identical resume depends on (MKL splits
 * its sums by thread).
 *
 * <p>
 * MXNet reads {@code OMP_NUM_THREADS} (and {@code MXNET_OMP_MAX_THREADS}) once, when its
 * library loads; with neither set it runs each operator on half the cores it sees on x86,
 * one OpenMP thread on this project's 2-core machines. The starter keeps that default:
 * one thread per core was measured slower here for whole epochs of both demo models (the
 * CNN 1.3×, the MLP 1.3×, medians of three rounds side by side, BENCHMARKS.md "Engines"),
 * although single synthetic batches were faster; users who measure otherwise export
 * {@code OMP_NUM_THREADS}. PyTorch uses every core by default (DJL's
 * {@code ai.djl.pytorch.num_threads} and {@code OMP_NUM_THREADS} change that).
 */
public final class EngineThreads {

    /** The variable MXNet and its OpenMP runtime read for the threads per operator. */
    private static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";

    private static final String MXNET_OMP_MAX_THREADS = "MXNET_OMP_MAX_THREADS";

    private EngineThreads() {
    }

    /**
     * Describes the thread count the engine will run with.
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables
     * @param processors the processors the JVM may use
     * @return what the engine will run with, for the log
     */
    public static String describe(String engineName, UnaryOperator<String> environment, int processors) {
        String threads = environment.apply(OMP_NUM_THREADS);
        if (!EngineType.MXNET.engineName().equals(engineName)) {
            return engineName + ": threads as the engine chooses"
                    + (threads != null ? " (" + OMP_NUM_THREADS + "=" + threads + ")" : " (every core)");
        }
        if (threads != null) {
            return "MXNet: " + threads + " OpenMP threads per operator (" + OMP_NUM_THREADS + " set by the user)";
        }
        String maxThreads = environment.apply(MXNET_OMP_MAX_THREADS);
        if (maxThreads != null) {
            return "MXNet: at most " + maxThreads + " OpenMP threads per operator (" + MXNET_OMP_MAX_THREADS
                    + " set by the user)";
        }
        return "MXNet: " + Math.max(1, processors / 2) + " OpenMP thread(s) per operator, MXNet's own default for "
                + processors + " processors (export " + OMP_NUM_THREADS + " to choose another count)";
    }

}
