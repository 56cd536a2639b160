package dev.demon.spring.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import dev.demon.schedule.DecayThenStop;

/**
 * A learning-rate schedule that depends on T re-planned by early stopping's
 * decay-then-stop: T = 100 updates, decided at t_s = 50, ending at T' = 60. Up to t_s the
 * tracker is the original; then the fraction done is u'(n) = 1 − (1 − 50/100)·(60 −
 * n)/10, which is 3/4 at n = 55 and 1 at n = 60.
 */
class ReplannedLearningRateTest {

    private static final long T = 100;

    private static final DecayThenStop PLAN = new DecayThenStop(50, 60);

    @Test
    void upToTheStopTheTrackerIsTheOriginal() {
        for (LearningRateScheduleType type : new LearningRateScheduleType[] { LearningRateScheduleType.COSINE,
                LearningRateScheduleType.LINEAR, LearningRateScheduleType.EXPONENTIAL,
                LearningRateScheduleType.STEP }) {
            LearningRateTrackerFactory factory = new LearningRateTrackerFactory(type, 0.1f);
            Tracker original = factory.create(T);
            Tracker replanned = factory.replanned(T, PLAN);
            for (int n = 1; n <= 50; n++) {
                assertThat(replanned.getNewValue(n)).as("%s at n = %d", type, n).isEqualTo(original.getNewValue(n));
            }
        }
    }

    @Test
    void cosineContinuesOverTheRestOfItsHalfPeriod() {
        Tracker cosine = new LearningRateTrackerFactory(LearningRateScheduleType.COSINE, 0.1f).replanned(T, PLAN);
        assertThat(cosine.getNewValue(55)).isEqualTo((float) (0.1f * (1 + Math.cos(Math.PI * 0.75)) / 2));
        assertThat(cosine.getNewValue(60)).isZero();
        assertThat(cosine.getNewValue(61)).isZero();
    }

    @Test
    void linearSpendsWhatIsLeftLinearly() {
        Tracker linear = new LearningRateTrackerFactory(LearningRateScheduleType.LINEAR, 0.5f).replanned(T, PLAN);
        // η0·(1 − u') with u' = 3/4: 0.125, exact in binary.
        assertThat(linear.getNewValue(55)).isEqualTo(0.125f);
        assertThat(linear.getNewValue(60)).isZero();
    }

    @Test
    void exponentialReachesOnePercentAtTheNewEnd() {
        Tracker exponential = new LearningRateTrackerFactory(LearningRateScheduleType.EXPONENTIAL, 1f).replanned(T,
                PLAN);
        assertThat(exponential.getNewValue(60)).isEqualTo(0.01f);
    }

    @Test
    void stepPassesBothMilestonesBeforeTheNewEnd() {
        // Milestones at n = 50 and 75 of T: u'·T passes 75 once u' > 3/4, at n = 56.
        Tracker step = new LearningRateTrackerFactory(LearningRateScheduleType.STEP, 1f).replanned(T, PLAN);
        assertThat(step.getNewValue(51)).isEqualTo(0.1f);
        assertThat(step.getNewValue(55)).isEqualTo(0.1f);
        assertThat(step.getNewValue(56)).isEqualTo(0.1f * 0.1f);
    }

    @Test
    void schedulesThatDoNotDependOnTAreNotReplanned() {
        assertThat(new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.1f).replans()).isFalse();
        assertThat(new LearningRateTrackerFactory(LearningRateScheduleType.PLATEAU, 0.1f).replans()).isFalse();
        assertThat(new LearningRateTrackerFactory(LearningRateScheduleType.ONE_CYCLE, 0.1f).replans()).isFalse();
        assertThatIllegalStateException()
            .isThrownBy(() -> new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.1f).replanned(T, PLAN))
            .withMessage("The fixed schedule is not re-planned");
    }

}
