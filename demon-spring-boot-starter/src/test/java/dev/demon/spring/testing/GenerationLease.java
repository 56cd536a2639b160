package dev.demon.spring.testing;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;

/**
 * A lease always held, of a given generation, and refusing to write where a newer one
 * lies, as a real holder does: for tests of what each generation writes, without a
 * database.
 *
 * @param generation the fencing token
 */
public record GenerationLease(long generation) implements Lease {

    @Override
    public void requireNewest(long generationOnDisk, String where) {
        if (generationOnDisk > this.generation) {
            throw new LeaseLostException(TakenOverLease.JOB, where + " was written by a newer holder (generation "
                    + generationOnDisk + ", this one holds generation " + this.generation + ")");
        }
    }

    @Override
    public void close() {
    }

}
