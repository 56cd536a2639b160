package dev.demon.benchmarks.overhead;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Where a job's wall time went by its steps, from the times Spring Batch recorded (to the
 * millisecond): the epoch steps (training, validation, the epoch's checkpoint and model
 * files), the promotion step, and the rest of the job's run (launch, the JobRepository's
 * rows around the steps, the job listeners' report).
 *
 * @param epochSeconds the {@code <pipeline>-epoch-<n>} steps together
 * @param promotionSeconds the {@code <pipeline>-promotion} step
 * @param outsideStepsSeconds the job's recorded run minus its steps
 */
record StepTimes(double epochSeconds, double promotionSeconds, double outsideStepsSeconds) {

    /** A bare loop's: it has no steps. */
    static final StepTimes NONE = new StepTimes(Double.NaN, Double.NaN, Double.NaN);

    static StepTimes of(JobExecution job) {
        double epochs = 0;
        double promotion = 0;
        for (StepExecution step : job.getStepExecutions()) {
            double seconds = seconds(step.getStartTime(), step.getEndTime());
            if (step.getStepName().endsWith("-promotion")) {
                promotion += seconds;
            }
            else {
                epochs += seconds;
            }
        }
        return new StepTimes(epochs, promotion, seconds(job.getStartTime(), job.getEndTime()) - epochs - promotion);
    }

    private static double seconds(LocalDateTime started, LocalDateTime ended) {
        return (started == null || ended == null) ? Double.NaN : Duration.between(started, ended).toMillis() / 1e3;
    }

}
