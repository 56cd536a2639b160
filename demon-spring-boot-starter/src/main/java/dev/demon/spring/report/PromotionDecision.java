package dev.demon.spring.report;

import org.jspecify.annotations.Nullable;

/**
 * What a run's promotion step decided, as {@code report.json} records it
 * ({@code promotion}) and the step's execution context keeps it, so that a rerun of the
 * step after a crash decides the same ({@code docs/promotion.md}).
 *
 * @param mode {@code always} or {@code if-better}
 * @param monitor the figure compared: {@code validation-loss} (lower is better) or
 * {@code validation-accuracy} (higher is better)
 * @param minDelta how much better the challenger had to be, &gt;= 0
 * @param promoted whether the challenger became the champion
 * @param reason why, in a sentence
 * @param challenger this run's best model
 * @param champion the model served when the step decided, or null when there was none
 * @param decidedByJobExecution the job execution whose promotion step decided
 * @param decidedAt when, ISO-8601 UTC
 */
public record PromotionDecision(String mode, String monitor, float minDelta, boolean promoted, String reason,
        ModelVersion challenger, @Nullable ModelVersion champion, long decidedByJobExecution, String decidedAt) {
}
