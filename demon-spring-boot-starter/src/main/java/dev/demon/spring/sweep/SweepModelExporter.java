package dev.demon.spring.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.training.ModelExporter;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.SweepFolder;
import dev.demon.spring.workspace.WriteWindow;

/**
 * Saves a sweep's {@link SweepFolder#bestModel(long) best-model.g000005/} (5: the sweep
 * job's lease generation, see {@link dev.demon.spring.workspace.GenerationalName}) from
 * its best trial's checkpoints, as a completed run saves its own
 * ({@link ModelExporter#save}): the parameters of the trial's best epoch by the sweep's
 * objective, in the pipeline's block, with the model properties a run's best model has
 * ({@code Epoch}, {@code ValidationLoss}, {@code ValidationAccuracy} and the trial's
 * whole configuration by its {@code demon.*} names, as the trial recorded it in its
 * {@link TrialProgress}), then {@code Sweep} and {@code Trial}; the folder is replaced
 * only once complete, and loads with DJL's {@code Criteria} like a run's.
 *
 * <p>
 * As a run's models, it is saved only under the sweep job's lease, and not by a holder
 * older than one that saved a best model already ({@code Lease.requireNewest}, an early
 * refusal); a holder paused past that check writes a folder of its own generation, which
 * does not replace a newer one's. The trial's checkpoints are only read: a trial trained
 * on worker processes names them by the generations of its own lease, not the sweep's.
 *
 * <p>
 * A trial's checkpoint store keeps its best epoch's checkpoint beside the newest two when
 * the trial trains with the sweep's objective as its monitor. Should that checkpoint be
 * gone or corrupt, the next best epoch whose checkpoint is intact is saved, and the log
 * says so.
 */
public final class SweepModelExporter {

    private static final Logger logger = LoggerFactory.getLogger(SweepModelExporter.class);

    private final SweepSummary summary;

    private final SweepFolder folder;

    private final PipelineDefinition definition;

    private final WriteWindow window;

    /**
     * Creates the exporter of a sweep.
     * @param summary the sweep, its pipeline and objective
     * @param folder the sweep's folder
     * @param definition the pipeline, whose block takes the parameters
     */
    public SweepModelExporter(SweepSummary summary, SweepFolder folder, PipelineDefinition definition) {
        this(summary, folder, definition, WriteWindow.NONE);
    }

    /**
     * Creates the exporter of a sweep with what happens between its check and its write:
     * a test's pause.
     * @param summary the sweep, its pipeline and objective
     * @param folder the sweep's folder
     * @param definition the pipeline, whose block takes the parameters
     * @param window called after the check, before the write
     */
    SweepModelExporter(SweepSummary summary, SweepFolder folder, PipelineDefinition definition, WriteWindow window) {
        this.summary = summary;
        this.folder = folder;
        this.definition = definition;
        this.window = window;
    }

    /**
     * Saves the best trial's model.
     * @param jobInstanceId the sweep job's instance, whose trials' checkpoints are read
     * @param best the best trial
     * @param lease the sweep job's lease, which fences the write
     * @return the model saved; empty when none of its epochs with a finite objective has
     * an intact checkpoint (then best-model/ is left as it was)
     * @throws IOException when a checkpoint folder cannot be listed or the model folder
     * written
     * @throws MalformedModelException when the checkpoint's parameters do not fit the
     * pipeline's block
     * @throws dev.demon.spring.lease.LeaseLostException when the lease cannot be proved
     * or a newer holder of it saved a best model
     */
    public Optional<SweepReport.BestModel> export(long jobInstanceId, TrialOutcome best, Lease lease)
            throws IOException, MalformedModelException {
        // Read only: a trial trained on workers has its checkpoints named by the trial's
        // own lease, whose generations are not the sweep's.
        CheckpointStore checkpoints = new CheckpointStore(folder.trial(jobInstanceId, best.trial()));
        List<Integer> epochs = epochsBestFirst(best.progress(), summary.objective());
        for (int epoch : epochs) {
            Optional<Checkpoint> checkpoint = checkpoints.ofEpoch(epoch);
            if (checkpoint.isPresent()) {
                if (epoch != epochs.get(0)) {
                    logger.warn("{}: the checkpoint of {}'s best epoch {} is gone; best-model holds its epoch {}",
                            summary.sweep(), best.trial(), epochs.get(0), epoch);
                }
                Path model = folder.bestModel(lease.generation());
                lease.requireNewest(folder.bestModelName().newestGeneration(), model.toString());
                window.opened(model);
                return Optional
                    .of(save(model, best, checkpoint.get().state().history().get(epoch - 1), checkpoint.get()));
            }
        }
        logger.warn("{}: no checkpoint of {}'s epochs in {}; no best-model saved", summary.sweep(), best.trial(),
                checkpoints.getFolder());
        return Optional.empty();
    }

    private SweepReport.BestModel save(Path model, TrialOutcome best, EpochSummary epoch, Checkpoint checkpoint)
            throws IOException, MalformedModelException {
        TrainingConfiguration configuration = best.progress().configuration();
        Map<String, String> properties = new LinkedHashMap<>();
        if (configuration != null) {
            properties.putAll(configuration.byProperty());
        }
        else {
            // A trial recorded without its configuration: its parameters are what is
            // known.
            best.progress().parameters().forEach((name, value) -> properties.put("demon." + name, value));
        }
        properties.put("Sweep", summary.sweep());
        properties.put("Trial", best.trial());
        // The parameters are DJL's engine-neutral encoding: any engine saves them alike.
        ModelExporter.save(model, summary.pipeline(), Engine.getDefaultEngineName(), definition, checkpoint, epoch,
                properties);
        return new SweepReport.BestModel(folder.folder().relativize(model).toString(), best.trial(), epoch.epoch(),
                epoch.validationLoss(), epoch.validationAccuracy());
    }

    /**
     * The epochs with a finite objective, best first by the rule of a run's best epoch:
     * on a tie of the objective the lower validation loss first, then the earlier.
     */
    private static List<Integer> epochsBestFirst(TrialProgress progress, ModelMonitor objective) {
        List<Double> values = progress.objectives();
        List<Integer> epochs = new ArrayList<>(IntStream.rangeClosed(1, values.size())
            .filter(epoch -> Double.isFinite(values.get(epoch - 1)))
            .boxed()
            .toList());
        // A stable sort: full ties keep their epoch order.
        epochs.sort((a, b) -> isBetter(objective, progress, a, b) ? -1 : isBetter(objective, progress, b, a) ? 1 : 0);
        return epochs;
    }

    private static boolean isBetter(ModelMonitor objective, TrialProgress progress, int epoch, int than) {
        return objective.isBetter(progress.objectives().get(epoch - 1), progress.validationLossAt(epoch),
                progress.objectives().get(than - 1), progress.validationLossAt(than));
    }

}
