package dev.demon.fashionmnist.data;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A data file is missing or unusable. The message names the file and what is wrong with
 * it, so a failed training job says which file to replace.
 */
public class InvalidDataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;

    private final String problem;

    /**
     * @param file where the file was looked for, as a user would locate it
     * @param problem what is wrong, as the end of a sentence starting with the file
     * @param cause the underlying failure, or {@code null}
     */
    public InvalidDataFileException(String file, String problem, @Nullable Throwable cause) {
        super("Data file " + file + " " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /**
     * @return where the file was looked for
     */
    public String file() {
        return file;
    }

    /**
     * @return what is wrong with it
     */
    public String problem() {
        return problem;
    }

}
