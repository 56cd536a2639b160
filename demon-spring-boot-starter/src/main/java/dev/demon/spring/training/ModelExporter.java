package dev.demon.spring.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.SavedModel;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.WriteWindow;

/**
 * Saves a completed run's models with DJL's {@code Model.save}, from its checkpoints,
 * into the pipeline's folder, under the names of the checkpoint store's lease generation:
 * {@link PipelineFolder#model(long) model.g000005/} from the last epoch,
 * {@link PipelineFolder#bestModel(long) best-model.g000005/} from the best one by the
 * plan's {@link ModelMonitor}. Each holds {@code <pipeline>-NNNN.params} (NNNN the epoch)
 * with the DJL model properties {@code Epoch} (as DJL's {@code SaveModelTrainingListener}
 * records it), {@code ValidationLoss}, {@code ValidationAccuracy} (only for a pipeline
 * with an accuracy evaluator) and the run's configuration, and is replaced only once
 * complete ({@link AtomicFiles#replaceFolder}). DJL's {@code Criteria} with
 * {@code optModelPath(folder)} and the pipeline's block, or {@code Model.load}, read
 * them.
 *
 * <p>
 * Before writing either folder it asks the checkpoint store whether its lease may still
 * write ({@link CheckpointStore#requireNewest()}), so a process whose lease was taken
 * over stops there; one paused past that check writes folders of its own, older
 * generation, which neither replace the new holder's nor are what readers take
 * ({@link PipelineFolder#bestModel()}).
 */
public final class ModelExporter {

    private static final Logger logger = LoggerFactory.getLogger(ModelExporter.class);

    private final TrainingPlan plan;

    private final PipelineFolder pipelineFolder;

    private final WriteWindow window;

    /**
     * Creates the exporter of a pipeline.
     * @param plan the pipeline, its epochs and monitor
     * @param pipelineFolder the pipeline's folder in the workspace
     */
    public ModelExporter(TrainingPlan plan, PipelineFolder pipelineFolder) {
        this(plan, pipelineFolder, WriteWindow.NONE);
    }

    /**
     * Creates the exporter of a pipeline with what happens between its check of the
     * checkpoints' generations and each folder's write: a test's pause.
     * @param plan the pipeline, its epochs and monitor
     * @param pipelineFolder the pipeline's folder in the workspace
     * @param window called after each check, before the write
     */
    ModelExporter(TrainingPlan plan, PipelineFolder pipelineFolder, WriteWindow window) {
        this.plan = plan;
        this.pipelineFolder = pipelineFolder;
        this.window = window;
    }

    /**
     * The models a completed run saved.
     *
     * @param model the model after the last epoch
     * @param bestModel the best epoch's model
     */
    public record Exported(SavedModel model, SavedModel bestModel) {
    }

    /**
     * Saves both models of a run whose last epoch finished.
     * @param checkpoints the run's checkpoints, the last epoch's among them
     * @param configuration recorded as model properties, name to value
     * @return what was saved
     * @throws IOException when a checkpoint cannot be read or a folder written
     * @throws MalformedModelException when a checkpoint's parameters do not fit the
     * pipeline's block
     * @throws dev.demon.spring.lease.LeaseLostException when the store's lease cannot be
     * proved or a newer holder wrote its checkpoints
     */
    public Exported export(CheckpointStore checkpoints, Map<String, String> configuration)
            throws IOException, MalformedModelException {
        return export(checkpoints, configuration, plan.epochs());
    }

    /**
     * Saves both models of a run whose last epoch, earlier than planned when early
     * stopping ended it, finished.
     * @param checkpoints the run's checkpoints, the last epoch's among them
     * @param configuration recorded as model properties, name to value
     * @param lastEpochNumber the epoch the run ended with, 1-based
     * @return what was saved
     * @throws IOException when a checkpoint cannot be read or a folder written
     * @throws MalformedModelException when a checkpoint's parameters do not fit the
     * pipeline's block
     */
    public Exported export(CheckpointStore checkpoints, Map<String, String> configuration, int lastEpochNumber)
            throws IOException, MalformedModelException {
        Epoch last = lastEpoch(checkpoints, lastEpochNumber);
        Epoch best = bestEpoch(checkpoints, last);
        long generation = checkpoints.generation();
        checkpoints.requireNewest();
        window.opened(pipelineFolder.model(generation));
        SavedModel model = save(pipelineFolder.model(generation), last.checkpoint(), last.summary(), configuration);
        checkpoints.requireNewest();
        window.opened(pipelineFolder.bestModel(generation));
        SavedModel bestModel;
        if (best.checkpoint() == last.checkpoint()) {
            // The same epoch's model, byte for byte: copied rather than built and
            // serialised again (about 40 ms of a job's end, BENCHMARKS.md "Issue 29").
            bestModel = copy(model, pipelineFolder.bestModel(generation));
        }
        else {
            bestModel = save(pipelineFolder.bestModel(generation), best.checkpoint(), best.summary(), configuration);
        }
        logger.info("{}: saved {} (epoch {}) and {} (epoch {}, {} {})", plan.pipeline(), model.path(), model.epoch(),
                bestModel.path(), bestModel.epoch(), plan.monitor().name().toLowerCase().replace('_', ' '),
                plan.monitor().figureOf(best.summary()));
        return new Exported(model, bestModel);
    }

    /**
     * Saves the best epoch's model of a run whose last epoch finished into a folder of
     * the caller's, as {@link #export} saves {@code best-model/}: the promotion step's
     * challenger ({@code docs/promotion.md}).
     * @param checkpoints the run's checkpoints, the last epoch's among them
     * @param configuration recorded as model properties, name to value
     * @param lastEpochNumber the epoch the run ended with, 1-based
     * @param folder where, replaced only once complete
     * @return what was saved
     * @throws IOException when a checkpoint cannot be read or the folder written
     * @throws MalformedModelException when a checkpoint's parameters do not fit the
     * pipeline's block
     * @throws dev.demon.spring.lease.LeaseLostException when the store's lease cannot be
     * proved or a newer holder wrote its checkpoints
     */
    public SavedModel saveBestModel(CheckpointStore checkpoints, Map<String, String> configuration, int lastEpochNumber,
            Path folder) throws IOException, MalformedModelException {
        Epoch best = bestEpoch(checkpoints, lastEpoch(checkpoints, lastEpochNumber));
        checkpoints.requireNewest();
        window.opened(folder);
        return save(folder, best.checkpoint(), best.summary(), configuration);
    }

    /** An epoch's end: its checkpoint and its figures. */
    private record Epoch(Checkpoint checkpoint, EpochSummary summary) {
    }

    private static Epoch lastEpoch(CheckpointStore checkpoints, int lastEpochNumber) throws IOException {
        Checkpoint last = checkpoints.ofEpoch(lastEpochNumber)
            .orElseThrow(() -> new IOException(
                    "No intact checkpoint of the last epoch " + lastEpochNumber + " in " + checkpoints.getFolder()));
        return new Epoch(last, last.state().history().get(lastEpochNumber - 1));
    }

    /** The best epoch by the plan's monitor, or the last when its checkpoint is gone. */
    private Epoch bestEpoch(CheckpointStore checkpoints, Epoch last) throws IOException {
        EpochSummary best = plan.monitor().best(last.checkpoint().state().history()).orElseThrow();
        // The last epoch is often the best: its checkpoint is read and verified once.
        Optional<Checkpoint> bestCheckpoint = best.epoch() == last.summary().epoch() ? Optional.of(last.checkpoint())
                : checkpoints.ofEpoch(best.epoch());
        if (bestCheckpoint.isEmpty()) {
            // Only from a run checkpointed before the best epoch's checkpoint was kept.
            logger.warn("{}: the checkpoint of its best epoch {} is gone; best-model holds the last epoch",
                    plan.pipeline(), best.epoch());
            return last;
        }
        return new Epoch(bestCheckpoint.get(), best);
    }

    private static SavedModel copy(SavedModel saved, Path folder) throws IOException {
        AtomicFiles.copyFolder(Path.of(saved.path()), folder);
        return new SavedModel(folder.toAbsolutePath().normalize().toString(), saved.epoch(), saved.validationLoss(),
                saved.validationAccuracy());
    }

    private SavedModel save(Path folder, Checkpoint checkpoint, EpochSummary epoch, Map<String, String> configuration)
            throws IOException, MalformedModelException {
        return save(folder, plan.pipeline(), plan.engine(), plan.definition(), checkpoint, epoch, configuration);
    }

    /**
     * Saves one epoch's model from the checkpoint written when it ended, as a completed
     * run's models are saved: DJL's {@code Model.save} of {@code <name>-NNNN.params} with
     * the model properties {@code Epoch}, {@code ValidationLoss},
     * {@code ValidationAccuracy} (when the epoch has one) and {@code properties}, into a
     * folder replaced only once complete. A sweep saves its best trial's model with it.
     * @param folder the model's folder
     * @param name the model's name, the pipeline's
     * @param engine the DJL name of the engine to save with
     * @param definition the pipeline, whose block takes the parameters
     * @param checkpoint the checkpoint of the epoch's end
     * @param epoch what the epoch achieved
     * @param properties more model properties, name to value: the run's configuration
     * @return the model saved, with the folder's absolute path
     * @throws IOException when the folder cannot be written
     * @throws MalformedModelException when the parameters do not fit the block
     */
    public static SavedModel save(Path folder, String name, String engine, PipelineDefinition definition,
            Checkpoint checkpoint, EpochSummary epoch, Map<String, String> properties)
            throws IOException, MalformedModelException {
        try (Model model = Model.newInstance(name, engine)) {
            Block block = definition.model();
            model.setBlock(block);
            checkpoint.restoreParameters(block, model.getNDManager());
            // Loading restores the input shapes but not the input names Model.save
            // describes: initialising with
            // those shapes sets them, and loading again brings back the trained values.
            block.initialize(model.getNDManager(), DataType.FLOAT32, block.getInputShapes());
            checkpoint.restoreParameters(block, model.getNDManager());
            model.setProperty("Epoch", Integer.toString(epoch.epoch()));
            model.setProperty("ValidationLoss", Float.toString(epoch.validationLoss()));
            if (!Float.isNaN(epoch.validationAccuracy())) {
                // A pipeline without an accuracy evaluator has none to record.
                model.setProperty("ValidationAccuracy", Float.toString(epoch.validationAccuracy()));
            }
            properties.forEach(model::setProperty);
            AtomicFiles.replaceFolder(folder, fresh -> model.save(fresh, name));
        }
        return new SavedModel(folder.toAbsolutePath().normalize().toString(), epoch.epoch(), epoch.validationLoss(),
                epoch.validationAccuracy());
    }

}
