package dev.demon.spring.remote;

/**
 * What a process is in a sweep across machines, {@code demon.remote.role}.
 */
public enum RemoteRole {

    /** Trains its sweeps' trials itself, on local threads. */
    NONE,

    /** Sends its sweeps' trials to worker processes and waits for their results. */
    MANAGER,

    /**
     * Runs no job; trains the trials that managers send, one at a time, until stopped.
     */
    WORKER

}
