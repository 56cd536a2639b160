package dev.demon.spring.training;

import java.util.concurrent.locks.ReentrantLock;

import ai.djl.engine.Engine;

/**
 * The engine's random generators, which are the process's, not a run's: DJL's
 * {@code RandomUtils} and the native engine's own. A seeded run reseeds them and draws
 * right after (its parameter initialisation, a batch's dropout), so that it repeats; two
 * runs side by side in one process must not reseed between the other's seeding and
 * drawing. One lock serialises the reseedings and a run's initialisation, which happens
 * once per run; a batch's draws (dropout) are not held under it, as that would train the
 * runs one at a time, so a model that draws while it trains repeats bit for bit only when
 * it trains alone in its process.
 */
final class EngineGenerators {

    private static final ReentrantLock lock = new ReentrantLock();

    private EngineGenerators() {
    }

    /**
     * Reseeds the engine's generators.
     * @param engine the engine's name
     * @param seed the seed, as {@code Engine.setRandomSeed} takes it
     */
    static void reseed(String engine, int seed) {
        lock.lock();
        try {
            Engine.getEngine(engine).setRandomSeed(seed);
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Reseeds the engine's generators and keeps any other run from reseeding them until
     * the returned hold is closed, while this run draws what must repeat.
     * @param engine the engine's name
     * @param seed the seed
     * @return the hold, to close in the same thread
     */
    static Hold seedAndHold(String engine, int seed) {
        lock.lock();
        try {
            Engine.getEngine(engine).setRandomSeed(seed);
        }
        catch (RuntimeException ex) {
            lock.unlock();
            throw ex;
        }
        return lock::unlock;
    }

    /** The generators held by one thread until closed. */
    @FunctionalInterface
    interface Hold extends AutoCloseable {

        /** A hold on nothing, for an unseeded run. */
        Hold NONE = () -> {
        };

        @Override
        void close();

    }

}
