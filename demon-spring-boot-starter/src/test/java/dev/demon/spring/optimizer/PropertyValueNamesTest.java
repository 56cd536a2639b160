package dev.demon.spring.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DemonSchedule;

/**
 * A property value names what it builds: the value a user sets is the name that metrics
 * tags and reports give the schedule or optimizer it selects, so a run reads the same in
 * its properties, its report and its meters.
 */
class PropertyValueNamesTest {

    @Test
    void everyMomentumScheduleValueIsTheNameOfTheScheduleItBuilds() {
        for (MomentumScheduleType type : MomentumScheduleType.values()) {
            assertThat(type.create(0.9f, 0f).name()).as(type.propertyValue()).isEqualTo(type.propertyValue());
        }
    }

    @Test
    void everyOptimizerValueIsTheNameOfTheOptimizerItBuilds() {
        for (OptimizerType type : OptimizerType.values()) {
            DemonOptimizerFactory optimizers = new DemonOptimizerFactory(type, new DemonSchedule(0.9f),
                    new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.01f), 0f);
            try (ScheduledMomentumOptimizer optimizer = optimizers.create(10, Tracker.fixed(0.01f))) {
                assertThat(optimizer.name()).isEqualTo(type.propertyValue());
            }
        }
    }

}
