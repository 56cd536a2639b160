package dev.demon.spring.promotion;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.report.ModelVersion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.training.ModelMonitor;

/**
 * When one pipeline's runs replace the model it serves ({@code demon.model.promotion} and
 * {@code demon.model.promotion-min-delta}, over which
 * {@code demon.pipelines.<name>.model.*} is layered), and the decision itself.
 *
 * @param mode {@code always} or {@code if-better}
 * @param minDelta in {@code if-better}, how much better than the champion's the
 * challenger's figure must be: a difference no larger is no improvement (Keras'
 * {@code min_delta}, TFMA's absolute change threshold), &gt;= 0
 */
public record PromotionSettings(PromotionMode mode, float minDelta) {

    /** Today's behaviour: every completed run's best model is served. */
    public static final PromotionSettings ALWAYS = new PromotionSettings(PromotionMode.ALWAYS, 0f);

    /**
     * Checks the settings.
     * @throws IllegalArgumentException when {@code minDelta} is negative or not finite
     */
    public PromotionSettings {
        if (!(minDelta >= 0f) || Float.isInfinite(minDelta)) {
            throw new IllegalArgumentException("promotion-min-delta must be >= 0 and finite, not " + minDelta);
        }
    }

    /**
     * Whether a decision needs the two models' scores.
     * @return true in {@code if-better}
     */
    public boolean evaluates() {
        return mode == PromotionMode.IF_BETTER;
    }

    /**
     * Decides whether the challenger replaces the champion: always in {@code always}; in
     * {@code if-better} when there is no champion, when the champion's score is not
     * finite, or when the challenger's is better by more than {@link #minDelta()} in the
     * monitor's direction (lower for the loss, higher for the accuracy). A challenger
     * whose score is not finite is never promoted in {@code if-better}.
     * @param monitor the pipeline's monitor, whose direction decides what is better
     * @param challenger this run's best model, scored in {@code if-better}
     * @param champion the model served now, scored in {@code if-better}; null when none
     * @param jobExecution the job execution deciding
     * @param now when
     * @return the decision, with both models and a reason
     */
    public PromotionDecision decide(ModelMonitor monitor, ModelVersion challenger, @Nullable ModelVersion champion,
            long jobExecution, Instant now) {
        String figure = PropertyValues.of(monitor);
        boolean promoted;
        String reason;
        if (mode == PromotionMode.ALWAYS) {
            promoted = true;
            reason = "demon.model.promotion = always: every completed run's best model is served";
        }
        else if (champion == null) {
            promoted = true;
            reason = "no model was served yet";
        }
        else {
            float challengerScore = scoreOf(challenger);
            float championScore = scoreOf(champion);
            if (!Float.isFinite(challengerScore)) {
                promoted = false;
                reason = "the challenger's " + figure + " " + challengerScore + " is not a number";
            }
            else if (!Float.isFinite(championScore)) {
                promoted = true;
                reason = "the champion's " + figure + " " + championScore + " is not a number";
            }
            else {
                // In double: the margin must not vanish in float rounding.
                double beaten = monitor.lowerIsBetter() ? (double) championScore - minDelta
                        : (double) championScore + minDelta;
                promoted = monitor.lowerIsBetter() ? challengerScore < beaten : challengerScore > beaten;
                reason = String.format("the challenger's %s %s is %s the champion's %s by more than %s", figure,
                        challengerScore, promoted ? "better than" : "not better than", championScore, minDelta);
            }
        }
        return new PromotionDecision(PropertyValues.of(mode), figure, minDelta, promoted, reason, challenger, champion,
                jobExecution, now.toString());
    }

    private static float scoreOf(ModelVersion version) {
        return version.score() != null ? version.score() : Float.NaN;
    }

}
