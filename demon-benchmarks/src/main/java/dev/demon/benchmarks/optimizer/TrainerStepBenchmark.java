package dev.demon.benchmarks.optimizer;

import java.util.concurrent.TimeUnit;

import ai.djl.training.tracker.Tracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.demon.benchmarks.fused.FusedDemonSgd;
import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DemonSchedule;

/**
 * The update of a training step as DJL's training loop makes it:
 * {@link ai.djl.training.Trainer#step()} on the demo's CNN ({@link CnnTrainer}), through
 * DJL's parameter server, with each optimizer; and {@link FusedDemonSgd} applied directly
 * to the model's parameter arrays and gradients, which is what a training loop calling it
 * instead of {@code step()} would do. Settings as in {@link OptimizerUpdateBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Dai.djl.offline=true" })
public class TrainerStepBenchmark {

    /** A trainer whose {@code step()} runs the optimizer named by {@link #optimizer}. */
    @State(Scope.Thread)
    public static class Step {

        /** The optimizer {@code step()} runs. */
        @Param({ "djl-sgd", "demon-sgd", "djl-adam", "demon-adam" })
        public String optimizer;

        CnnTrainer cnn;

        @Setup(Level.Trial)
        public void setUp() {
            cnn = new CnnTrainer(BenchmarkOptimizers.create(optimizer), 42);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cnn.close();
        }

    }

    /**
     * The same model and gradients, updated by {@link FusedDemonSgd} without the
     * parameter server.
     */
    @State(Scope.Thread)
    public static class Fused {

        CnnTrainer cnn;

        FusedDemonSgd fused;

        @Setup(Level.Trial)
        public void setUp() {
            cnn = new CnnTrainer(BenchmarkOptimizers.create("djl-sgd"), 42);
            fused = FusedDemonSgd.builder()
                .setLearningRateTracker(Tracker.fixed(0.01f))
                .optMomentumSchedule(new DemonSchedule(0.9f))
                .setTotalSteps(BenchmarkOptimizers.TOTAL_STEPS)
                .build();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fused.close();
            cnn.close();
        }

    }

    /**
     * The same model and gradients, updated by a Demon optimizer called per parameter on
     * the model's own arrays, without the parameter server: the fused update's gain,
     * minus the fusion.
     */
    @State(Scope.Thread)
    public static class Direct {

        /** The optimizer called per parameter. */
        @Param({ "demon-sgd", "demon-adam" })
        public String optimizer;

        CnnTrainer cnn;

        ScheduledMomentumOptimizer direct;

        @Setup(Level.Trial)
        public void setUp() {
            cnn = new CnnTrainer(BenchmarkOptimizers.create("djl-sgd"), 42);
            direct = (ScheduledMomentumOptimizer) BenchmarkOptimizers.create(optimizer);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            direct.close();
            cnn.close();
        }

    }

    @Benchmark
    public void trainerStep(Step state) {
        state.cnn.trainer().step();
        EngineWork.awaitAll();
    }

    @Benchmark
    public void directOnParameters(Direct state) {
        BenchmarkOptimizers.updateEach(state.direct, state.cnn.ids(), state.cnn.weights(), state.cnn.gradients());
    }

    @Benchmark
    public void fusedOnParameters(Fused state) {
        state.fused.update(state.cnn.weights(), state.cnn.gradients());
        EngineWork.awaitAll();
    }

}
