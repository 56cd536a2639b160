package dev.demon.spring.job;

/**
 * What a start does with the pipeline's unfinished run (FAILED, STOPPED, or STARTED by a
 * process that is gone), {@code demon.unfinished-run}.
 */
public enum UnfinishedRun {

    /**
     * Continue it, when it was started with the same configuration; a start with a
     * different one is refused before any training.
     */
    RESUME,

    /** Mark it ABANDONED and start a new run, whatever its configuration. */
    ABANDON

}
