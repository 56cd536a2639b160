package dev.demon.spring.lease;

import java.time.Duration;

/**
 * Another live process holds the lease of the job this one was to run.
 */
public class LeaseHeldException extends RuntimeException {

    private final String jobName;

    private final LeaseHolder holder;

    private final Duration timeToLive;

    /**
     * Creates the exception.
     * @param jobName the job whose lease is held
     * @param holder the process that holds it
     * @param timeToLive how long the lease lives after its holder's last renewal
     */
    public LeaseHeldException(String jobName, LeaseHolder holder, Duration timeToLive) {
        super("Job " + jobName + " is running in process " + holder.pid() + " on host " + holder.host() + " since "
                + holder.since() + ", which holds its lease");
        this.jobName = jobName;
        this.holder = holder;
        this.timeToLive = timeToLive;
    }

    /**
     * @return the job whose lease is held
     */
    public String getJobName() {
        return this.jobName;
    }

    /**
     * @return the process that holds the lease
     */
    public LeaseHolder getHolder() {
        return this.holder;
    }

    /**
     * @return how long the lease lives after its holder's last renewal
     */
    public Duration getTimeToLive() {
        return this.timeToLive;
    }

}
