package dev.demon.spring.training;

import java.util.function.UnaryOperator;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * How many threads the engine computes with, decided before its native library loads.
 *
 * <p>
 * MXNet reads {@code OMP_NUM_THREADS} (and {@code MXNET_OMP_MAX_THREADS}) once, when its
 * library loads; with neither set, it runs each operator on half the cores it sees on x86
 * (it takes every other one for a hyper-thread), one OpenMP thread on a 2-core machine,
 * which leaves a core idle. Unless the user set one of them, this sets
 * {@code OMP_NUM_THREADS} to the processors the JVM may use, in the process's own
 * environment (C's {@code setenv}, through JNA, which DJL's API brings), where the
 * library will read it: the documented variable, set as if the user had exported it.
 * PyTorch uses every core by default (DJL's {@code ai.djl.pytorch.num_threads} and
 * {@code OMP_NUM_THREADS} change that) and is left alone.
 *
 * <p>
 * The count is part of what makes a seeded resume bit-identical (MKL splits its sums by
 * thread): it is the same on every start on the same machine.
 */
public final class EngineThreads {

    /** The variable MXNet and its OpenMP runtime read for the threads per operator. */
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";

    private static final String MXNET_OMP_MAX_THREADS = "MXNET_OMP_MAX_THREADS";

    private EngineThreads() {
    }

    /**
     * Sets the engine's thread count unless the user did, before the engine loads.
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables
     * @param processors the processors the JVM may use
     * @return what the engine will run with, for the log
     */
    public static String configure(String engineName, UnaryOperator<String> environment, int processors) {
        if (!EngineType.MXNET.engineName().equals(engineName)) {
            String threads = environment.apply(OMP_NUM_THREADS);
            return engineName + ": threads as the engine chooses"
                    + (threads != null ? " (" + OMP_NUM_THREADS + "=" + threads + ")" : " (every core)");
        }
        String threads = environment.apply(OMP_NUM_THREADS);
        if (threads != null) {
            return "MXNet: " + threads + " OpenMP threads per operator (" + OMP_NUM_THREADS + " set by the user)";
        }
        String maxThreads = environment.apply(MXNET_OMP_MAX_THREADS);
        if (maxThreads != null) {
            return "MXNet: at most " + maxThreads + " OpenMP threads per operator (" + MXNET_OMP_MAX_THREADS
                    + " set by the user)";
        }
        if (CLibrary.INSTANCE.setenv(OMP_NUM_THREADS, Integer.toString(processors), 0) != 0) {
            return "MXNet: OpenMP threads as MXNet chooses (" + OMP_NUM_THREADS + " could not be set)";
        }
        return "MXNet: " + processors + " OpenMP threads per operator, one per processor (" + OMP_NUM_THREADS
                + " set by the starter; export it to choose another count)";
    }

    /** C's {@code setenv(3)}, which changes the environment native code reads. */
    private interface CLibrary extends Library {

        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);

    }

}
