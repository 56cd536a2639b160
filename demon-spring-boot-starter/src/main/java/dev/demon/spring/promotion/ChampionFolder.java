package dev.demon.spring.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.workspace.PipelineFolder;

/**
 * Where a pipeline's served model is now: the version its newest {@link ChampionPointer}
 * names, or, in a workspace without a pointer (from before versions), the newest
 * generation's {@code best-model.g<generation>/}, as before. Asked before every
 * prediction, so it reads a pointer file only when a new one appears: a pointer is never
 * rewritten in place, so the same file (by name and file key) names the same version.
 */
public final class ChampionFolder {

    private final PipelineFolder pipeline;

    /**
     * The pointer read last. Read and replaced whole without a lock: this is asked in
     * every prediction's thread, and under a lock concurrent predictions queued for the
     * folder's listing (the serving benchmark's MLP at 0.55 of the bare loop); two
     * threads that meet a new pointer at once both read it and agree.
     */
    private volatile @Nullable Known known;

    /**
     * Follows a pipeline's champion.
     * @param pipeline the pipeline's folder
     */
    public ChampionFolder(PipelineFolder pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * The folder of the model served now.
     * @return the champion's version folder, or the newest {@code best-model.g…/} when
     * there is no pointer (or it cannot be read); the latter need not exist
     */
    public Path now() {
        Path file = pipeline.championName().newest();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (IOException ex) {
            known = null;
            return pipeline.bestModel();
        }
        Known last = known;
        if (last != null && last.file().equals(file) && Objects.equals(last.key(), attributes.fileKey())
                && last.modified() == attributes.lastModifiedTime().toMillis()) {
            return last.folder();
        }
        try {
            Path folder = pipeline.version(ChampionPointer.read(file).version());
            known = new Known(file, attributes.fileKey(), attributes.lastModifiedTime().toMillis(), folder);
            return folder;
        }
        catch (IOException | IllegalArgumentException ex) {
            known = null;
            return pipeline.bestModel();
        }
    }

    private record Known(Path file, @Nullable Object key, long modified, Path folder) {
    }

}
