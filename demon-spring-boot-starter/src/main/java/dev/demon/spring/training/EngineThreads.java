package dev.demon.spring.training;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The threads the engine computes with: what the starter chooses before the engine's
 * library loads, and what it logs, so that the log says the thread count a seeded run's
 * bit-identical resume depends on (oneDNN and MKL split their sums by thread).
 *
 * <p>
 * MXNet, as DJL loads it, runs operators on one worker thread of its threaded engine
 * ({@code ThreadedEnginePerDevice}), each on half the cores it sees on x86: one OpenMP
 * thread on this project's 2-core machines, with the other core idle. MXNet and its
 * OpenMP runtime read {@code MXNET_ENGINE_TYPE}, {@code OMP_NUM_THREADS},
 * {@code MXNET_OMP_MAX_THREADS} and {@code MXNET_CPU_WORKER_NTHREADS} once, when the
 * library loads. Unless the user set one of them, the starter sets, in the process's own
 * environment (C's {@code setenv}, through JNA, which DJL's API brings), where the
 * library will read them, as if the user had exported them:
 * <ul>
 * <li>{@code MXNET_ENGINE_TYPE=NaiveEngine}: operators run on the thread that calls them,
 * as DJL's performance guide recommends for multi-threaded use, instead of being handed
 * to the worker thread and back;
 * <li>{@code OMP_NUM_THREADS} = the processors the JVM may use: every operator on every
 * core.
 * </ul>
 * Measured side by side on full epochs (BENCHMARKS.md "Engines"): the demo's CNN trains
 * in about half the time (0.51×); the MLP, whose operators are small, is slower with the
 * second thread, and fastest with
 * {@code OMP_NUM_THREADS=1 MXNET_ENGINE_TYPE=NaiveEngine}. Setting a thread count only on
 * the training thread through MXNet's C API ({@code MXSetNumOMPThreads}) does nothing on
 * the threaded engine, and on NaiveEngine makes MXNet crash: its own operators size
 * per-thread buffers by the count it read when it loaded. PyTorch runs operators on the
 * calling thread and uses every core by default (DJL's {@code ai.djl.pytorch.num_threads}
 * and {@code OMP_NUM_THREADS} change that); it is left alone.
 *
 * <p>
 * Public API: a Spring Boot application with the starter gets this choice at start-up
 * (its environment post-processor calls {@link #prepare}); a process that trains without
 * Spring Boot (a {@link PipelineRun} or a hand-written loop in a plain {@code main}) gets
 * the same by calling {@link #prepare} first, before anything loads the engine:
 *
 * <pre>{@code
 * log.info(EngineThreads.prepare("MXNet", System::getenv, Runtime.getRuntime().availableProcessors()));
 * }</pre>
 */
public final class EngineThreads {

    private static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";

    private static final String MXNET_ENGINE_TYPE = "MXNET_ENGINE_TYPE";

    private static final String NAIVE_ENGINE = "NaiveEngine";

    /**
     * The variables by which a user chooses MXNet's threading; with any of them set the
     * starter changes nothing. {@code MXNET_CPU_WORKER_NTHREADS} only means something to
     * the threaded engine, so setting it chooses that engine.
     */
    public static final List<String> MXNET_THREADING_VARIABLES = List.of(MXNET_ENGINE_TYPE, OMP_NUM_THREADS,
            "MXNET_OMP_MAX_THREADS", "MXNET_CPU_WORKER_NTHREADS");

    private EngineThreads() {
    }

    /**
     * Chooses MXNet's engine type and threads unless the user chose them, and describes
     * what the engine will run with. To be called before the engine's library loads,
     * which is when MXNet reads its environment.
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables, as the user set them
     * @param processors the processors the JVM may use
     * @return what the engine will run with, for the log
     */
    public static String prepare(String engineName, UnaryOperator<String> environment, int processors) {
        return prepare(engineName, environment, processors, 1);
    }

    /**
     * Chooses MXNet's engine type and threads, as
     * {@link #prepare(String, UnaryOperator, int)} does, for a process that trains
     * several models at once (a sweep's {@code concurrency}): the processors are shared
     * among them, so that they do not run more OpenMP threads than there are processors
     * (BENCHMARKS.md "Sweeps": on two busy cores, two trials at once with one thread each
     * trained 1.53 times the trials per hour of one trial with two threads, for a small
     * model).
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables, as the user set them
     * @param processors the processors the JVM may use
     * @param trainings how many models the process trains at once, &gt;= 1
     * @return what the engine will run with, for the log
     */
    public static String prepare(String engineName, UnaryOperator<String> environment, int processors, int trainings) {
        OptionalInt threads = chosenThreads(engineName, environment, processors, trainings);
        if (threads.isPresent() && (CLibrary.INSTANCE.setenv(MXNET_ENGINE_TYPE, NAIVE_ENGINE, 0) != 0
                || CLibrary.INSTANCE.setenv(OMP_NUM_THREADS, Integer.toString(threads.getAsInt()), 0) != 0)) {
            return "MXNet: its own engine and threads (" + MXNET_ENGINE_TYPE + " or " + OMP_NUM_THREADS
                    + " could not be set)";
        }
        return describe(engineName, environment, processors, trainings);
    }

    /**
     * Describes the threads the engine will run with once {@link #prepare} has chosen.
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables, as the user set them
     * @param processors the processors the JVM may use
     * @param trainings how many models the process trains at once
     * @return what the engine will run with, for the log
     */
    static String describe(String engineName, UnaryOperator<String> environment, int processors, int trainings) {
        if (!EngineType.MXNET.engineName().equals(engineName)) {
            String threads = environment.apply(OMP_NUM_THREADS);
            return engineName + ": threads as the engine chooses"
                    + (threads != null ? " (" + OMP_NUM_THREADS + "=" + threads + ")" : " (every core)");
        }
        if (userChoseMxnetThreading(environment)) {
            String chosen = MXNET_THREADING_VARIABLES.stream()
                .filter(name -> environment.apply(name) != null)
                .map(name -> name + "=" + environment.apply(name))
                .collect(Collectors.joining(", "));
            return "MXNet: engine and threads as the user set them (" + chosen + ")";
        }
        String share = (trainings > 1) ? " OpenMP thread(s) per operator, the " + processors
                + " processor(s) shared by " + trainings + " trainings at once"
                : " OpenMP thread(s) per operator, one per processor";
        return "MXNet: NaiveEngine (operators run on the thread that trains) with "
                + threadsPerTraining(processors, trainings) + share + ", set by the starter (export " + OMP_NUM_THREADS
                + "=1 " + MXNET_ENGINE_TYPE + "=" + NAIVE_ENGINE
                + " for small models, or other MXNet threading variables, to choose yourself)";
    }

    /**
     * The OpenMP threads per operator the starter chooses, if any: on MXNet, unless the
     * user chose its threading, one per processor, shared among the trainings run at
     * once.
     * @param engineName the DJL name of the engine that will train
     * @param environment the process's environment variables, as the user set them
     * @param processors the processors the JVM may use
     * @param trainings how many models the process trains at once
     * @return the count, or empty to leave the engine's own
     */
    static OptionalInt chosenThreads(String engineName, UnaryOperator<String> environment, int processors,
            int trainings) {
        if (!EngineType.MXNET.engineName().equals(engineName) || userChoseMxnetThreading(environment)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(threadsPerTraining(processors, trainings));
    }

    /** {@link #describe(String, UnaryOperator, int, int)} for one training. */
    static String describe(String engineName, UnaryOperator<String> environment, int processors) {
        return describe(engineName, environment, processors, 1);
    }

    /** {@link #chosenThreads(String, UnaryOperator, int, int)} for one training. */
    static OptionalInt chosenThreads(String engineName, UnaryOperator<String> environment, int processors) {
        return chosenThreads(engineName, environment, processors, 1);
    }

    /** The processors shared among the trainings, at least one thread each. */
    private static int threadsPerTraining(int processors, int trainings) {
        return Math.max(1, processors / Math.max(1, trainings));
    }

    private static boolean userChoseMxnetThreading(UnaryOperator<String> environment) {
        return MXNET_THREADING_VARIABLES.stream().anyMatch(name -> environment.apply(name) != null);
    }

    /** C's {@code setenv(3)}, which changes the environment native code reads. */
    private interface CLibrary extends Library {

        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);

    }

}
