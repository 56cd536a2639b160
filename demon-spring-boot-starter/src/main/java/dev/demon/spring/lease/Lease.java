package dev.demon.spring.lease;

/**
 * A job's lease, held until closed. Close it on the thread that acquired it: the lock
 * behind it belongs to that thread.
 *
 * <p>
 * A lease fences its holder: {@link #requireHeld()} fails once the holder cannot prove
 * the lease, and every holder has a {@link #generation()}, a fencing token that grows
 * with each process taking the lease, which the holder writes with its checkpoints and
 * reports so that a writer whose lease was taken over cannot replace what a newer one
 * wrote (Kleppmann, "How to do distributed locking", 2016: the lock service's token
 * checked by the storage).
 */
public interface Lease extends AutoCloseable {

    /**
     * No lease: generation 0, always held. For jobs that run without leases, whose writes
     * nothing fences.
     * @return the lease that is none
     */
    static Lease none() {
        return () -> {
        };
    }

    /**
     * The fencing token of this holding: greater than that of every earlier holder of the
     * job's lease in the same JobRepository, 0 for {@link #none()}.
     * @return the generation
     */
    default long generation() {
        return 0;
    }

    /**
     * Fails unless this process can prove it holds the lease: its last successful renewal
     * began less than a time to live ago by this process's monotonic clock, and no
     * renewal found the lease taken. A process frozen past the time to live (a GC pause,
     * a suspended VM, a network partition from the database) fails here however its wall
     * clock moved.
     * @throws LeaseLostException when the lease is lost or cannot be proved
     */
    default void requireHeld() {
    }

    /**
     * Fails, and fences this holder for good, when what lies on disk was written by a
     * newer holder of the lease; otherwise as {@link #requireHeld()}. Called before
     * replacing a checkpoint, a report or a model.
     * @param generationOnDisk the highest generation written where this holder is to
     * write; 0 when none is recorded
     * @param where what is to be written, for the message
     * @throws LeaseLostException when the lease is lost, cannot be proved, or the disk
     * holds a newer generation
     */
    default void requireNewest(long generationOnDisk, String where) {
        requireHeld();
    }

    /** Releases the lease; the next process to start the job can take it at once. */
    @Override
    void close();

}
