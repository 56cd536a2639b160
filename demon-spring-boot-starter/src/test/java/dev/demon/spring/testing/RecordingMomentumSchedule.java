package dev.demon.spring.testing;

import java.util.ArrayList;
import java.util.List;

import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

/**
 * A user-defined schedule: Demon with β_init = 0.9 that remembers every step it was asked about,
 * in order (the optimizer asks once per parameter and update).
 */
public class RecordingMomentumSchedule implements MomentumSchedule {

    private final MomentumSchedule demon = new DemonSchedule(0.9f);
    private final List<Long> steps = new ArrayList<>();

    @Override
    public synchronized float momentum(long step, long totalSteps) {
        steps.add(step);
        return demon.momentum(step, totalSteps);
    }

    @Override
    public String name() {
        return demon.name();
    }

    /**
     * The distinct steps asked about, in order: the update indices t the optimizer went through.
     *
     * @return one entry per update
     */
    public synchronized List<Long> updates() {
        List<Long> updates = new ArrayList<>();
        for (Long step : steps) {
            if (updates.isEmpty() || !updates.get(updates.size() - 1).equals(step)) {
                updates.add(step);
            }
        }
        return updates;
    }
}
