package dev.demon.benchmarks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.demon.benchmarks.stats.Samples;

/**
 * What one {@code Engine.setRandomSeed} costs, the call the starter's training loop makes
 * before every batch with {@code demon.seed} and {@code demon.checkpoint.exact-resume}:
 * rounds of 500 calls, each round ended by drawing from the generator, so that an engine
 * that queues the reseeding (MXNet's threaded engine) has done it; prints the median and
 * range over the rounds in microseconds per call. MXNet reseeds every generator of its
 * CPU random resources, among them 1024 per copy of its parallel generator; PyTorch one.
 *
 * <p>
 * Arguments: the engines, default {@code MXNet PyTorch}; system property
 * {@code benchmarks.rounds} (default 7). The threads are the process's: run it with the
 * thread settings to measure (for MXNet, {@code MXNET_ENGINE_TYPE} and
 * {@code OMP_NUM_THREADS}).
 */
public final class ReseedCost {

    private static final int CALLS = 500;

    private ReseedCost() {
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("benchmarks.rounds", 7);
        for (String name : args.length > 0 ? args : new String[] { "MXNet", "PyTorch" }) {
            Engine engine = Engine.getEngine(name);
            List<Double> micros = new ArrayList<>();
            try (NDManager manager = engine.newBaseManager()) {
                manager.randomUniform(0, 1, new Shape(10)).toFloatArray();
                for (int round = 0; round <= rounds; round++) {
                    long start = System.nanoTime();
                    for (int call = 0; call < CALLS; call++) {
                        engine.setRandomSeed(round * CALLS + call);
                    }
                    manager.randomUniform(0, 1, new Shape(10)).toFloatArray();
                    if (round > 0) {
                        // Round 0 warms up.
                        micros.add((System.nanoTime() - start) / 1e3 / CALLS);
                    }
                }
            }
            Samples samples = Samples.of(micros);
            System.out.printf(Locale.ROOT, "%s %s: setRandomSeed median %.1f µs (%.1f..%.1f) over %d rounds of %d%n",
                    engine.getEngineName(), engine.getVersion(), samples.median(), samples.min(), samples.max(), rounds,
                    CALLS);
        }
    }

}
