package dev.demon.spring.serving;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;

/**
 * A loaded model, how many hold it (the served model while it is current, plus each
 * prediction running on it; the last to let go closes it), and its idle
 * {@link Predictor}s. A prediction borrows one and gives it back, so that predictors are
 * made once per concurrent prediction rather than once per request: a new DJL predictor
 * costs more than a small model's forward pass (the serving benchmark measured a quarter
 * of the throughput of the demo's CNN), and a predictor is not thread-safe, so it is
 * never shared by two predictions at once.
 *
 * @param model the model
 * @param files the parameter files it was loaded from
 * @param holders how many hold it
 * @param idle the predictors no prediction is using
 * @param <I> the input type
 * @param <O> the output type
 */
record LoadedModel<I, O>(ZooModel<I, O> model, ModelFiles files, AtomicInteger holders, Queue<Predictor<I, O>> idle) {

    LoadedModel(ZooModel<I, O> model, ModelFiles files) {
        this(model, files, new AtomicInteger(1), new ConcurrentLinkedQueue<>());
    }

    /** Only while current, so never after the count reached 0. */
    void retain() {
        holders.incrementAndGet();
    }

    /**
     * Holds the model unless it has been closed: for a prediction that found it current
     * without the served model's lock, while the model may be replaced and its last
     * holder let go.
     * @return whether it is held now
     */
    boolean tryRetain() {
        for (int count = holders.get(); count > 0; count = holders.get()) {
            if (holders.compareAndSet(count, count + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A predictor for one prediction of a holder, to be given back once it has ended.
     * @return an idle predictor, or a new one when all are in use
     */
    Predictor<I, O> borrow() {
        Predictor<I, O> predictor = idle.poll();
        return predictor != null ? predictor : model.newPredictor();
    }

    /**
     * Takes back a predictor once its prediction has ended, before its holder releases
     * the model, so that the last release finds it and closes it.
     * @param predictor the predictor
     */
    void giveBack(Predictor<I, O> predictor) {
        idle.add(predictor);
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            for (Predictor<I, O> predictor = idle.poll(); predictor != null; predictor = idle.poll()) {
                predictor.close();
            }
            model.close();
        }
    }
}
