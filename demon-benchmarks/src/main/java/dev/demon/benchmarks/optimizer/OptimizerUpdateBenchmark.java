package dev.demon.benchmarks.optimizer;

import java.util.concurrent.TimeUnit;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import ai.djl.training.tracker.Tracker;
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

import dev.demon.benchmarks.fused.FusedDemonSgd;
import dev.demon.optim.DemonAdam;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.DemonSchedule;

/**
 * One optimizer update over every trainable parameter of the demo's CNN
 * ({@link CnnParameterSet}), as DJL's trainer makes it once per batch: DJL's {@code Sgd}
 * with momentum 0.9 against {@link DemonSgd} and {@link FusedDemonSgd} (small tensors
 * fused, the default; and every tensor fused), DJL's {@code Adam} against
 * {@link DemonAdam}.
 *
 * <p>
 * Every invocation ends by waiting for the engine to finish ({@link EngineWork}); the
 * time is the update's, not its enqueueing. The engine is DJL's default
 * ({@code ai.djl.default_engine}); the fused cases are MXNet's only. Settings as in
 * {@link BenchmarkOptimizers}, no weight decay. Sampled times ({@link Mode#SampleTime}):
 * the median of each is what {@link OptimizerBenchmarks} compares.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Dai.djl.offline=true" })
public class OptimizerUpdateBenchmark {

    private CnnParameterSet parameters;

    private Optimizer djlSgd;

    private Optimizer demonSgd;

    private FusedDemonSgd fusedDemonSgd;

    private FusedDemonSgd fusedAllDemonSgd;

    private Optimizer djlAdam;

    private Optimizer demonAdam;

    @Setup(Level.Trial)
    public void setUp() {
        parameters = new CnnParameterSet(42);
        djlSgd = BenchmarkOptimizers.create("djl-sgd");
        demonSgd = BenchmarkOptimizers.create("demon-sgd");
        fusedDemonSgd = FusedDemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.01f))
            .optMomentumSchedule(new DemonSchedule(0.9f))
            .setTotalSteps(BenchmarkOptimizers.TOTAL_STEPS)
            .build();
        fusedAllDemonSgd = FusedDemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.01f))
            .optMomentumSchedule(new DemonSchedule(0.9f))
            .setTotalSteps(BenchmarkOptimizers.TOTAL_STEPS)
            .optFuseBelow(Long.MAX_VALUE)
            .build();
        djlAdam = BenchmarkOptimizers.create("djl-adam");
        demonAdam = BenchmarkOptimizers.create("demon-adam");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fusedDemonSgd.close();
        fusedAllDemonSgd.close();
        parameters.close();
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
    public void fusedDemonSgd() {
        fusedDemonSgd.update(parameters.weights(), parameters.gradients());
        EngineWork.awaitAll();
    }

    /** Every tensor in one multi-tensor call, the 3136×256 dense weight included. */
    @Benchmark
    public void fusedAllDemonSgd() {
        fusedAllDemonSgd.update(parameters.weights(), parameters.gradients());
        EngineWork.awaitAll();
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
        BenchmarkOptimizers.updateEach(optimizer, parameters.ids(), parameters.weights(), parameters.gradients());
    }

}
