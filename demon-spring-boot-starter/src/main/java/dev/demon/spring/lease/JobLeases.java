package dev.demon.spring.lease;

/**
 * Gives a process the lease of a job, which tells other processes that it runs the job.
 * While a process holds a job's lease, another process sharing its JobRepository cannot
 * take it, and so cannot take the job's STARTED execution for one whose process died.
 *
 * <p>
 * A lease is keyed by a name: the starter's jobs use the job's name, and an application
 * may lease other work under names of its own (see the package's description). The
 * starter configures this bean; inject it rather than creating one.
 */
public interface JobLeases {

    /**
     * Takes the lease of a job.
     * @param jobName the job
     * @return the lease, held until closed
     * @throws LeaseHeldException when another live process holds it
     */
    Lease acquire(String jobName);

    /**
     * No leases at all: for a JobRepository that only one process uses, such as an
     * in-memory one.
     * @return leases that always succeed and record nothing
     */
    static JobLeases none() {
        return (jobName) -> () -> {
        };
    }

}
