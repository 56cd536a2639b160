package dev.demon.spring.job;

import ai.djl.TrainingDivergedException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.TrainingSession;

/**
 * The work of step {@code <pipeline>-epoch-<n>}: one pass over the training set,
 * validation, and a checkpoint. The epoch's results go to the step's execution context
 * under {@code demon.*} keys, so the JobRepository tells what each epoch achieved.
 */
class EpochTasklet implements Tasklet {

    /** Execution-context key: optimizer updates done when the epoch finished. */
    static final String UPDATES_DONE = "demon.global-step";

    private final TrainingJobListener training;

    private final int epoch;

    EpochTasklet(TrainingJobListener training, int epoch) {
        this.training = training;
        this.epoch = epoch;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        TrainingSession session;
        EpochSummary summary;
        try {
            session = training.session(step.getJobExecution(), epoch);
            summary = session.trainThrough(epoch);
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
        context.putLong("demon.total-steps", session.totalUpdates());
        context.putDouble("demon.momentum", summary.momentum());
        context.putDouble("demon.learning-rate", summary.learningRate());
        context.putDouble("demon.train-loss", summary.trainLoss());
        context.putDouble("demon.validation-loss", summary.validationLoss());
        context.putDouble("demon.validation-accuracy", summary.validationAccuracy());
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
