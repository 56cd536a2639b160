package dev.demon.spring.job;

/**
 * Training produced a NaN or infinite loss. The step fails with this message, the checkpoints of
 * the epochs before stay as they are, and the job ends FAILED.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where and how training diverged
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
