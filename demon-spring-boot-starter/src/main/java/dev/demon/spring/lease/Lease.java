package dev.demon.spring.lease;

/**
 * A job's lease, held until closed. Close it on the thread that acquired it: the lock
 * behind it belongs to that thread.
 */
public interface Lease extends AutoCloseable {

    /** Releases the lease; the next process to start the job can take it at once. */
    @Override
    void close();

}
