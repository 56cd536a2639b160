package dev.demon.benchmarks.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same updates as {@link OptimizerUpdateBenchmark} ({@link BenchmarkOptimizers}), but
 * of ten one-value tensors (the CNN's parameter count, none of its arithmetic). DJL's
 * optimizer and Demon's make the same single MXNet call per parameter, so the difference
 * of the two times is Demon's own bookkeeping (update counters, the schedule, the scope),
 * free of the arithmetic whose noise hides it in the CNN's update.
 * {@link OptimizerBenchmarks} relates that difference to the CNN's update time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Dai.djl.offline=true" })
public class BookkeepingBenchmark {

    private static final int PARAMETERS = 10;

    private NDManager manager;

    private final List<String> ids = new ArrayList<>();

    private final List<NDArray> weights = new ArrayList<>();

    private final List<NDArray> gradients = new ArrayList<>();

    private Optimizer djlSgd;

    private Optimizer demonSgd;

    private Optimizer djlAdam;

    private Optimizer demonAdam;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        for (int i = 0; i < PARAMETERS; i++) {
            ids.add("parameter-" + i);
            weights.add(manager.create(new float[] { 0.5f }));
            gradients.add(manager.create(new float[] { 0.01f }));
        }
        djlSgd = BenchmarkOptimizers.create("djl-sgd");
        demonSgd = BenchmarkOptimizers.create("demon-sgd");
        djlAdam = BenchmarkOptimizers.create("djl-adam");
        demonAdam = BenchmarkOptimizers.create("demon-adam");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public void djlSgd() {
        updateEach(djlSgd);
    }

    @Benchmark
    public void demonSgd() {
        updateEach(demonSgd);
    }

    @Benchmark
    public void djlAdam() {
        updateEach(djlAdam);
    }

    @Benchmark
    public void demonAdam() {
        updateEach(demonAdam);
    }

    private void updateEach(Optimizer optimizer) {
        BenchmarkOptimizers.updateEach(optimizer, ids, weights, gradients);
    }

}
