package dev.demon.spring.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ai.djl.MalformedModelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.workspace.SweepFolder;
import dev.demon.spring.workspace.WriteWindow;

/**
 * Writes a sweep's results when its job execution ends ({@link SweepJobListener}),
 * whatever its status: it reads every trial's latest partition execution of the sweep's
 * job instance ({@link TrialExecutions}) and writes into the sweep's folder
 * {@link SweepFolder#bestModel(long) best-model.g000005/} from the best trial so far
 * ({@link SweepModelExporter}), then {@link SweepFolder#trials(long) trials.g000005.csv}
 * ({@link TrialsCsv}) and {@link SweepFolder#results(long) sweep.g000005.json}
 * ({@link SweepReport}), 5 being the sweep job's lease generation
 * ({@link dev.demon.spring.workspace.GenerationalName}), each complete before it appears,
 * sweep.json last so that the model it names is already there; then it deletes what they
 * supersede, their older generations
 * ({@link dev.demon.spring.workspace.GenerationalName#deleteOlderThan}; the best model's
 * only when it saved one). When the sweep has COMPLETED it then deletes the trials'
 * checkpoints that older holders of the lease left
 * ({@link CheckpointStore#deleteSupersededGenerations()}).
 *
 * <p>
 * Everything it writes comes from the JobRepository and the trials' checkpoints: written
 * again for the same executions, the results are the same. It writes under the sweep
 * job's {@link Lease}, as a run writes {@code report.json} ({@link ReportWriter}):
 * nothing when the lease cannot be proved or a sweep.json of a newer generation is there;
 * a holder paused past that check writes files of its own generation, which replace none
 * of a newer holder's and which readers do not take.
 */
public class SweepResultsWriter {

    private static final Logger logger = LoggerFactory.getLogger(SweepResultsWriter.class);

    private final SweepSummary summary;

    private final JobRepository jobRepository;

    private final SweepFolder folder;

    private final SweepModelExporter models;

    private final ReportWriter reports;

    private final WriteWindow window;

    /**
     * Creates the results writer of a sweep.
     * @param summary the sweep, its pipeline, search, objective and trial step
     * @param jobRepository where the trials' partition executions are
     * @param folder the sweep's folder
     * @param definition the pipeline the trials train, whose block the best model takes
     */
    public SweepResultsWriter(SweepSummary summary, JobRepository jobRepository, SweepFolder folder,
            PipelineDefinition definition) {
        this(summary, jobRepository, folder, definition, WriteWindow.NONE);
    }

    /**
     * Creates the results writer of a sweep with what happens between each check and
     * write: a test's pause.
     * @param summary the sweep, its pipeline, search, objective and trial step
     * @param jobRepository where the trials' partition executions are
     * @param folder the sweep's folder
     * @param definition the pipeline the trials train, whose block the best model takes
     * @param window called after each check, before the write
     */
    SweepResultsWriter(SweepSummary summary, JobRepository jobRepository, SweepFolder folder,
            PipelineDefinition definition, WriteWindow window) {
        this.summary = summary;
        this.jobRepository = jobRepository;
        this.folder = folder;
        this.models = new SweepModelExporter(summary, folder, definition, window);
        this.reports = new ReportWriter(window);
        this.window = window;
    }

    /**
     * Writes the results of the sweep's job instance as an execution of it ends.
     * @param sweepExecution the sweep's job execution, with its final status
     * @param lease the sweep job's lease held by this process
     * @return what sweep.json now holds
     * @throws IOException when a checkpoint cannot be read or a file written
     * @throws MalformedModelException when the best checkpoint's parameters do not fit
     * the pipeline's block
     * @throws LeaseLostException when the lease cannot be proved, or sweep.json or the
     * best trial's checkpoints were written by a newer holder; nothing is written then
     */
    public SweepReport write(JobExecution sweepExecution, Lease lease) throws IOException, MalformedModelException {
        Path results = folder.results(lease.generation());
        lease.requireNewest(folder.resultsName().newestGeneration(), results.toString());
        JobInstance instance = sweepExecution.getJobInstance();
        List<TrialOutcome> trials = TrialExecutions.outcomes(jobRepository, instance, summary.trialStepName());
        Optional<TrialOutcome> best = TrialOutcome.best(trials, summary.objective());
        SweepReport.@Nullable BestModel bestModel = best.isPresent()
                ? models.export(instance.getInstanceId(), best.get(), lease).orElse(null) : null;
        SweepReport report = SweepReport.of(summary, sweepExecution.getStatus().name(), trials, bestModel,
                lease.generation());
        Files.createDirectories(folder.folder());
        byte[] table = TrialsCsv.of(report).getBytes(StandardCharsets.UTF_8);
        Path trialsTable = folder.trials(lease.generation());
        window.opened(trialsTable);
        AtomicFiles.write(trialsTable, out -> out.write(table));
        reports.write(report, folder.resultsName(), lease);
        // Superseded, now that sweep.json names this generation's: readers take the
        // newest.
        folder.trialsName().deleteOlderThan(lease.generation());
        if (bestModel != null) {
            folder.bestModelName().deleteOlderThan(lease.generation());
        }
        if (sweepExecution.getStatus() == BatchStatus.COMPLETED) {
            deleteSupersededCheckpoints(instance, trials, lease);
        }
        logger.info("{} {}: {} trials, best {}, results in {}", summary.sweep(), report.status(), trials.size(),
                report.best() != null ? report.best().trial() + " (" + report.objective() + " "
                        + report.best().bestObjective() + " at epoch " + report.best().bestEpoch() + ")" : "none",
                results);
        return report;
    }

    /**
     * Once the sweep has COMPLETED, no holder needs the trials' checkpoints that the
     * holders a takeover replaced left behind
     * ({@link CheckpointStore#deleteSupersededGenerations()}); failing to delete them
     * leaves files, and changes nothing in the results.
     */
    private void deleteSupersededCheckpoints(JobInstance instance, List<TrialOutcome> trials, Lease lease) {
        try {
            for (TrialOutcome trial : trials) {
                new CheckpointStore(folder.trial(instance.getInstanceId(), trial.trial()), lease)
                    .deleteSupersededGenerations();
            }
        }
        catch (IOException | LeaseLostException ex) {
            logger.warn("{}: the trials' checkpoints of earlier holders of its lease stay: {}", summary.sweep(),
                    ex.getMessage());
        }
    }

}
