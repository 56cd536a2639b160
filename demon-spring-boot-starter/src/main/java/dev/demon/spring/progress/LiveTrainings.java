package dev.demon.spring.progress;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link LiveTraining} of each pipeline that trained in this process since it
 * started: what the training page shows while a job runs. Safe for one writer per
 * pipeline (its training thread) and any number of readers.
 */
public class LiveTrainings {

    private final Map<String, LiveTraining> latest = new ConcurrentHashMap<>();

    /**
     * Replaces the pipeline's snapshot.
     * @param training the newest snapshot
     */
    public void publish(LiveTraining training) {
        latest.put(training.pipeline(), training);
    }

    /**
     * The latest snapshot of a pipeline.
     * @param pipeline the pipeline's name
     * @return the snapshot, empty when it has not trained in this process
     */
    public Optional<LiveTraining> of(String pipeline) {
        return Optional.ofNullable(latest.get(pipeline));
    }

    /**
     * Every pipeline's latest snapshot.
     * @return a snapshot of the snapshots, in no particular order
     */
    public Collection<LiveTraining> all() {
        return List.copyOf(latest.values());
    }

}
