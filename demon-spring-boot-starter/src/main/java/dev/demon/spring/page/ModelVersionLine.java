package dev.demon.spring.page;

import org.jspecify.annotations.Nullable;

/**
 * One model version of a pipeline as the training page lists it: a run's best model and
 * what its promotion step decided ({@code docs/promotion.md}). A rejected challenger is
 * listed too; its folder stays on disk. Like the rest of the page, no path.
 *
 * @param version the version's name, a folder in the pipeline's {@code versions/}
 * @param served whether the champion pointer names it now
 * @param promoted whether its promotion step promoted it
 * @param monitor the figure compared
 * @param score its figure, null when not evaluated (mode {@code always})
 * @param championScore the figure of the champion it challenged, or null
 * @param epoch the epoch its parameters are from
 * @param reason why it was promoted or rejected
 * @param decidedAt when, ISO-8601 UTC
 */
public record ModelVersionLine(String version, boolean served, boolean promoted, String monitor, @Nullable Float score,
        @Nullable Float championScore, @Nullable Integer epoch, String reason, String decidedAt) {
}
