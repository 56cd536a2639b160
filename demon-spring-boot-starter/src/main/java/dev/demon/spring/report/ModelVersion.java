package dev.demon.spring.report;

import org.jspecify.annotations.Nullable;

/**
 * One side of a promotion, the challenger or the champion, as {@code report.json}
 * ({@code promotion}) and the version's decision file describe it.
 *
 * @param version the version's name, such as {@code run-3.g000005} (a folder in the
 * pipeline's {@code versions/}), or {@code best-model.g000002} for a champion served from
 * a workspace without a champion pointer
 * @param path the model's folder, absolute
 * @param jobInstanceId the job instance (the run) that trained it, or null when not known
 * (a champion from before versions)
 * @param generation the lease generation of the holder that saved it
 * @param epoch the epoch its parameters are from, or null when not known
 * @param score its figure on the pipeline's validation set by the pipeline's monitor, as
 * the promotion step evaluated it; null when it was not evaluated (mode {@code always})
 */
public record ModelVersion(String version, String path, @Nullable Long jobInstanceId, long generation,
        @Nullable Integer epoch, @Nullable Float score) {

    /**
     * This version with its score.
     * @param figure the figure the promotion step measured
     * @return a copy with {@code score} set
     */
    public ModelVersion scored(float figure) {
        return new ModelVersion(version, path, jobInstanceId, generation, epoch, figure);
    }

}
