package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a sweep into its trials, one partition each: keys {@code trial-0001},
 * {@code trial-0002}..., in the order of {@link SweepPlan#trials()}, each context holding
 * the trial's {@link TrialProgress} before it starts. The keys are the same on every
 * call, so a restarted sweep finds each trial's earlier executions by name.
 */
public class SweepPartitioner implements Partitioner, PartitionNameProvider {

    private final List<Map<String, String>> trials;

    /**
     * Creates the partitioner of a sweep.
     * @param trials each trial's training properties by name, trial 1 first
     */
    public SweepPartitioner(List<Map<String, String>> trials) {
        this.trials = List.copyOf(trials);
    }

    /**
     * The partition key of a trial.
     * @param trial 1-based
     * @return {@code trial-NNNN}
     */
    public static String key(int trial) {
        return String.format("trial-%04d", trial);
    }

    /**
     * One partition per trial, whatever the grid size: the sweep's trials are fixed by
     * its definition.
     */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            String key = key(i + 1);
            ExecutionContext context = new ExecutionContext();
            TrialProgress.notStarted(key, trials.get(i)).writeTo(context);
            partitions.put(key, context);
        }
        return partitions;
    }

    @Override
    public Collection<String> getPartitionNames(int gridSize) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            names.add(key(i + 1));
        }
        return names;
    }

}
