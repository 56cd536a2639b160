package dev.demon.spring.serving;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A model folder holds a model that cannot be loaded: its parameters do not fit the
 * pipeline's block, or its files cannot be read. Not thrown for a folder that holds no
 * model yet; that is an empty prediction.
 */
public class ModelLoadingException extends RuntimeException {

    private final Path folder;

    /**
     * Creates the exception.
     * @param folder the model folder
     * @param message what went wrong
     * @param cause the loader's failure, or null
     */
    public ModelLoadingException(Path folder, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.folder = folder;
    }

    /**
     * The folder whose model cannot be loaded.
     * @return the model folder
     */
    public Path getFolder() {
        return folder;
    }

}
