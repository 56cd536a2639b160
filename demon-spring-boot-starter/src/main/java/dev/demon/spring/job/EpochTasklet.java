package dev.demon.spring.job;

import java.util.Optional;

import ai.djl.TrainingDivergedException;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.TrainingSession;

/**
 * The work of step {@code <pipeline>-epoch-<n>}: one pass over the training set,
 * validation, and a checkpoint. The epoch's results go to the step's execution context
 * under {@code demon.*} keys, so the JobRepository tells what each epoch achieved.
 *
 * <p>
 * Asked to stop ({@link #stop}, or its execution marked STOPPING), it finishes the
 * running batch, writes a checkpoint and ends the step STOPPED by
 * {@link StepExecution#setTerminateOnly() terminating} it, which Spring Batch turns into
 * a STOPPED step and job; a restart resumes at the next batch.
 *
 * <p>
 * At every batch boundary it first asks the job's {@link Lease} whether this process
 * still holds it: when it cannot be proved, or a checkpoint finds a newer holder's on
 * disk, the step ends FAILED ({@link FencedStep}), writing no checkpoint, and the job
 * ends FAILED.
 *
 * <p>
 * Once early stopping has ended the run before its epoch, the step trains nothing: it
 * completes at once with Spring Batch's {@link ExitStatus#NOOP} ("did no processing") and
 * a description naming the epoch the run ended with. The job keeps one step per planned
 * epoch, so the restart bookkeeping is the same whether or not a run stops early, and the
 * job ends COMPLETED.
 */
class EpochTasklet implements StoppableTasklet {

    /**
     * Execution-context key: optimizer updates done when the epoch finished (or the step
     * stopped).
     */
    static final String UPDATES_DONE = "demon.updates-done";

    /** Execution-context key: batches of the epoch trained when the step stopped. */
    static final String BATCHES_DONE = "demon.batches-done";

    private final TrainingJobListener training;

    private final int epoch;

    private final RunningExecutions executions;

    EpochTasklet(TrainingJobListener training, int epoch, RunningExecutions executions) {
        this.training = training;
        this.epoch = epoch;
        this.executions = executions;
    }

    @Override
    public void stop() {
        // Without the execution: every execution of this job running here.
        executions.requestStop(training.getPlan().pipeline());
    }

    @Override
    public void stop(StepExecution stepExecution) {
        executions.requestStop(stepExecution.getJobExecutionId());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        TrainingSession session;
        Optional<EpochSummary> summary;
        try {
            RunningExecution running = executions.of(step.getJobExecution());
            session = training.session(running, epoch);
            summary = (epoch > session.lastEpoch()) ? Optional.empty()
                    : session.trainThrough(epoch, running.batchBoundary());
        }
        catch (LeaseLostException ex) {
            return FencedStep.end(step, ex, executions.jobRepository());
        }
        catch (TrainingDivergedException ex) {
            throw ex;
        }
        catch (Exception ex) {
            // The step's exit description is a truncated stack trace: put the causes
            // where it starts.
            throw new IllegalStateException(String.format("Step %s (epoch %d of %d) failed: %s", step.getStepName(),
                    epoch, training.getPlan().epochs(), causes(ex)), ex);
        }
        ExecutionContext context = step.getExecutionContext();
        context.putInt("demon.epoch", epoch);
        context.putLong(UPDATES_DONE, session.updatesDone());
        context.putLong("demon.total-updates", session.totalUpdates());
        if (summary.isEmpty() && epoch > session.lastEpoch()) {
            contribution.setExitStatus(ExitStatus.NOOP.addExitDescription(
                    String.format("Not trained: early stopping ended the run after epoch %d", session.lastEpoch())));
            return RepeatStatus.FINISHED;
        }
        if (summary.isEmpty()) {
            context.putLong(BATCHES_DONE, session.batchesThisEpoch());
            step.setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        context.putDouble("demon.momentum", summary.get().momentum());
        context.putDouble("demon.learning-rate", summary.get().learningRate());
        context.putDouble("demon.train-loss", summary.get().trainLoss());
        context.putDouble("demon.validation-loss", summary.get().validationLoss());
        context.putDouble("demon.validation-accuracy", summary.get().validationAccuracy());
        return RepeatStatus.FINISHED;
    }

    private static String causes(Throwable failure) {
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && causes.indexOf(cause.getMessage()) < 0) {
                causes.append(causes.isEmpty() ? "" : ": ").append(cause.getMessage());
            }
        }
        return causes.isEmpty() ? failure.getClass().getName() : causes.toString();
    }

}
