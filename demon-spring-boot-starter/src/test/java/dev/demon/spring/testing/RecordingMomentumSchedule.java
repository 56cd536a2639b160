package dev.demon.spring.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

/**
 * A user-defined schedule: Demon with β_init = 0.9 that remembers every update index t it
 * was asked about, in order (the optimizer asks once per parameter and update).
 */
public class RecordingMomentumSchedule implements MomentumSchedule {

    private final MomentumSchedule demon = new DemonSchedule(0.9f);

    private final List<Long> asked = new ArrayList<>();

    private long triggerUpdate = -1;

    private Runnable trigger;

    @Override
    public synchronized float momentum(long t, long totalUpdates) {
        asked.add(t);
        if (t == triggerUpdate && trigger != null) {
            Runnable action = trigger;
            trigger = null;
            action.run();
        }
        return demon.momentum(t, totalUpdates);
    }

    /**
     * Does something once, when the optimizer first asks for update {@code t}: while that
     * update runs.
     * @param t the update index
     * @param action what to do
     */
    public synchronized void whenAsked(long t, Runnable action) {
        this.triggerUpdate = t;
        this.trigger = action;
    }

    @Override
    public String name() {
        return demon.name();
    }

    @Override
    public Map<String, Float> parameters() {
        return demon.parameters();
    }

    /**
     * The distinct indices asked about, in order: the update indices t the optimizer went
     * through.
     * @return one entry per update
     */
    public synchronized List<Long> updates() {
        List<Long> updates = new ArrayList<>();
        for (Long t : asked) {
            if (updates.isEmpty() || !updates.get(updates.size() - 1).equals(t)) {
                updates.add(t);
            }
        }
        return updates;
    }

}
