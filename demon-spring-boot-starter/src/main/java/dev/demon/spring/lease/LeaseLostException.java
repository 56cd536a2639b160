package dev.demon.spring.lease;

/**
 * This process can no longer prove that it holds a job's lease, or found on disk what a
 * newer holder wrote: another process may run the job now, so this one must not write
 * into the run's folder or go on training. Thrown at the next batch boundary or before a
 * checkpoint, report or model would be written; the job then ends without completing.
 */
public class LeaseLostException extends RuntimeException {

    private final String jobName;

    /**
     * Creates the exception.
     * @param jobName the job whose lease is lost
     * @param reason why, for the log
     */
    public LeaseLostException(String jobName, String reason) {
        super("Job " + jobName + " is fenced: " + reason
                + ". This process wrote no checkpoint, report or model after that and stops; nothing needs doing: "
                + "the process that holds the lease now (or the next start) carries the run on from its last "
                + "checkpoint");
        this.jobName = jobName;
    }

    /**
     * @return the job whose lease is lost
     */
    public String getJobName() {
        return this.jobName;
    }

}
