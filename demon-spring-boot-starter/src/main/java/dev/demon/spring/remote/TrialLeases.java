package dev.demon.spring.remote;

/**
 * The name of the lease a worker holds while it trains a trial: one per trial of a
 * sweep's job instance, so that two workers never train the same trial at once, and a
 * trial whose worker is gone is known by its lease lapsing.
 */
public final class TrialLeases {

    private TrialLeases() {
    }

    /**
     * The lease of a trial.
     * @param sweep the sweep's name, its job's
     * @param jobInstanceId the sweep's job instance
     * @param trial the trial's key, such as {@code trial-0003}
     * @return {@code <sweep>#<instance>/<trial>}, such as {@code lr#12/trial-0003}
     */
    public static String name(String sweep, long jobInstanceId, String trial) {
        return sweep + "#" + jobInstanceId + "/" + trial;
    }

    /**
     * The trial key of a partition's step execution name.
     * @param stepName {@code <sweep>-trial:<trial>}
     * @return {@code <trial>}
     */
    public static String trialOf(String stepName) {
        return stepName.substring(stepName.indexOf(':') + 1);
    }

}
