package dev.demon.spring.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import ai.djl.MalformedModelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.workspace.SweepFolder;

/**
 * The {@code <sweep>-results} step: after the partitioned {@code <sweep>-trials} step,
 * and again on every restart, it reads every trial's latest partition execution of the
 * sweep's job instance ({@link TrialExecutions}) and writes into the sweep's folder
 * {@link SweepFolder#bestModel() best-model/} from the best trial
 * ({@link SweepModelExporter}), then {@link SweepFolder#trials() trials.csv}
 * ({@link TrialsCsv}) and {@link SweepFolder#results() sweep.json} ({@link SweepReport}),
 * each replaced only once complete, sweep.json last so that the model it names is already
 * there.
 *
 * <p>
 * Everything it writes comes from the JobRepository and the trials' checkpoints, which
 * the step does not change: run again after a crash, it writes the same results.
 */
public class SweepResultsTasklet implements Tasklet {

    private static final Logger logger = LoggerFactory.getLogger(SweepResultsTasklet.class);

    private final SweepSummary summary;

    private final JobRepository jobRepository;

    private final SweepFolder folder;

    private final SweepModelExporter models;

    /**
     * Creates the results step's tasklet of a sweep.
     * @param summary the sweep, its pipeline, search, objective and trial step
     * @param jobRepository where the trials' partition executions are
     * @param folder the sweep's folder
     * @param definition the pipeline the trials train, whose block the best model takes
     */
    public SweepResultsTasklet(SweepSummary summary, JobRepository jobRepository, SweepFolder folder,
            PipelineDefinition definition) {
        this.summary = summary;
        this.jobRepository = jobRepository;
        this.folder = folder;
        this.models = new SweepModelExporter(summary, folder, definition);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
            throws IOException, MalformedModelException {
        write(chunkContext.getStepContext().getStepExecution().getJobExecution());
        return RepeatStatus.FINISHED;
    }

    /**
     * Writes the results of the sweep's job instance.
     * @param sweepExecution the sweep's running job execution
     * @return what sweep.json now holds
     * @throws IOException when a checkpoint cannot be read or a file written
     * @throws MalformedModelException when the best checkpoint's parameters do not fit
     * the pipeline's block
     */
    public SweepReport write(JobExecution sweepExecution) throws IOException, MalformedModelException {
        JobInstance instance = sweepExecution.getJobInstance();
        List<TrialOutcome> trials = TrialExecutions.latest(jobRepository, instance, summary.trialStepName())
            .entrySet()
            .stream()
            .map(partition -> TrialOutcome.of(partition.getKey(), partition.getValue()))
            .toList();
        Optional<TrialOutcome> best = TrialOutcome.best(trials, summary.objective());
        SweepReport.@Nullable BestModel bestModel = best.isPresent()
                ? models.export(instance.getInstanceId(), best.get()).orElse(null) : null;
        SweepReport report = SweepReport.of(summary, sweepExecution.getStatus().name(), trials, bestModel);
        Files.createDirectories(folder.folder());
        byte[] table = TrialsCsv.of(report).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.trials(), out -> out.write(table));
        ReportJson.write(report, folder.results());
        logger.info("{}: {} trials, best {}, results in {}", summary.sweep(), trials.size(),
                report.best() != null ? report.best().trial() + " (" + report.objective() + " "
                        + report.best().bestObjective() + " at epoch " + report.best().bestEpoch() + ")" : "none",
                folder.results());
        return report;
    }

}
