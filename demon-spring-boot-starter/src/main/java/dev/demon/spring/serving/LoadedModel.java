package dev.demon.spring.serving;

import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.repository.zoo.ZooModel;

/**
 * A loaded model and how many hold it: the served model while it is current, plus each
 * prediction running on it. The last to let go closes it.
 *
 * @param model the model
 * @param files the parameter files it was loaded from
 * @param holders how many hold it
 * @param <I> the input type
 * @param <O> the output type
 */
record LoadedModel<I, O>(ZooModel<I, O> model, ModelFiles files, AtomicInteger holders) {

    LoadedModel(ZooModel<I, O> model, ModelFiles files) {
        this(model, files, new AtomicInteger(1));
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

    void release() {
        if (holders.decrementAndGet() == 0) {
            model.close();
        }
    }
}
