package dev.demon.spring.page;

import org.springframework.batch.core.BatchStatus;

/**
 * One pipeline's line on the training page, as {@code GET /demon/api/pipelines} lists it.
 * Figures not known (yet) are null, never NaN.
 *
 * @param pipeline the pipeline, also the job's name
 * @param status {@code STARTED} while it trains in this process, else the status of its
 * latest {@code report.json} ({@code COMPLETED}, {@code FAILED}, {@code STOPPED}),
 * {@code ENDED} when it ended here without one, or {@code NOT_STARTED}
 * @param optimizer sgdm or adam
 * @param schedule the momentum schedule's name
 * @param epoch the epoch running, or the last one finished when it is not training
 * @param epochs the planned epochs
 * @param updatesDone optimizer updates done
 * @param totalUpdates T, the planned updates
 * @param secondsLeft estimated time left while it trains; 0 once COMPLETED
 * @param momentum β of the latest update
 * @param learningRate η of the latest update
 * @param trainLoss training loss running over the current epoch while it trains, else the
 * last epoch's
 * @param trainAccuracy training accuracy, as {@code trainLoss}
 */
public record PipelineSummary(String pipeline, String status, String optimizer, String schedule, int epoch, int epochs,
        long updatesDone, long totalUpdates, Double secondsLeft, Float momentum, Float learningRate, Float trainLoss,
        Float trainAccuracy) {

    /** The status of a pipeline that has neither trained here nor written a report. */
    public static final String NOT_STARTED = "NOT_STARTED";

    /** The status of a pipeline training in this process, as Spring Batch names it. */
    public static final String STARTED = BatchStatus.STARTED.name();

    /** The status of a training that ended in this process without writing its report. */
    public static final String ENDED = "ENDED";

}
