package dev.demon.spring.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ai.djl.MalformedModelException;
import ai.djl.translate.TranslateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.report.ModelVersion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.SavedModel;
import dev.demon.spring.training.ModelExporter;
import dev.demon.spring.training.SavedModelValidation;
import dev.demon.spring.training.TrainingPlan;
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.WriteWindow;

/**
 * A completed run's promotion ({@code docs/promotion.md}): saves the run's best model as
 * a version of the pipeline's served models (the challenger,
 * {@code versions/run-<job instance>.g<generation>/}), in {@code if-better} evaluates it
 * and the model served now (the champion) on the pipeline's validation set by its monitor
 * ({@link SavedModelValidation}), decides ({@link PromotionSettings#decide}), records the
 * decision where a rerun finds it, then switches the {@link ChampionPointer} when the
 * challenger won.
 *
 * <p>
 * A rerun after a crash decides the same and promotes at most once: a decision already
 * recorded is taken as it is, without evaluating again, and the switch is skipped when
 * the pointer in force already names the version. Each version's decision is also written
 * beside it, {@code versions/<version>.json}, which the training page lists; a rejected
 * challenger's folder stays.
 */
public final class ModelPromotion {

    private static final Logger logger = LoggerFactory.getLogger(ModelPromotion.class);

    private static final String DECISION_EXTENSION = ".json";

    private final TrainingPlan plan;

    private final PipelineFolder pipelineFolder;

    private final PromotionSettings settings;

    private final WriteWindow switchWindow;

    private final Clock clock;

    /**
     * Creates the promotion of a pipeline's runs.
     * @param plan the pipeline, its monitor and data
     * @param pipelineFolder its folder
     * @param settings when a challenger is promoted
     * @param switchWindow called after the decision is recorded and the lease checked,
     * just before the pointer is written: nothing in production, a test's crash
     * @param clock when decisions are made
     */
    public ModelPromotion(TrainingPlan plan, PipelineFolder pipelineFolder, PromotionSettings settings,
            WriteWindow switchWindow, Clock clock) {
        this.plan = plan;
        this.pipelineFolder = pipelineFolder;
        this.settings = settings;
        this.switchWindow = switchWindow;
        this.clock = clock;
    }

    /**
     * One run of the promotion step.
     * @param run the completed run: its checkpoints (with its lease), ids and last epoch
     * @param recorded the decision an earlier attempt of this step recorded, or null
     * @param record records a new decision durably (the step's execution context), before
     * anything is switched
     * @return the decision, new or the recorded one
     * @throws IOException when a model, the decision or the pointer cannot be written
     * @throws MalformedModelException when the run's checkpoint does not fit the block
     * @throws TranslateException when the validation data cannot be batched
     * @throws dev.demon.spring.lease.LeaseLostException when the lease is lost or a newer
     * holder has written
     */
    public PromotionDecision promote(Run run, @Nullable PromotionDecision recorded, Consumer<PromotionDecision> record)
            throws IOException, MalformedModelException, TranslateException {
        PromotionDecision decision = recorded;
        if (decision == null) {
            decision = decide(run);
            record.accept(decision);
        }
        else {
            logger.info("{}: promotion already decided by job execution {}: {}", plan.pipeline(),
                    decision.decidedByJobExecution(), decision.reason());
        }
        Path decisionFile = decisionFile(decision.challenger().version());
        if (!Files.exists(decisionFile)) {
            ReportJson.write(decision, decisionFile);
        }
        Optional<String> target = decision.promoted() ? Optional.of(decision.challenger().version())
                : adoptedChampion(decision, run.lease());
        if (target.isPresent()) {
            switchTo(target.get(), decision, run);
        }
        return decision;
    }

    /**
     * The run a promotion step promotes.
     *
     * @param checkpoints its checkpoints, written under its lease
     * @param lease the job's lease, which fences the version, the decision and the
     * pointer
     * @param configuration its configuration, recorded in the saved model's properties
     * @param lastEpoch the epoch it ended with
     * @param jobInstanceId its job instance
     * @param jobExecutionId the execution running the step
     */
    public record Run(CheckpointStore checkpoints, Lease lease, Map<String, String> configuration, int lastEpoch,
            long jobInstanceId, long jobExecutionId) {
    }

    private PromotionDecision decide(Run run) throws IOException, MalformedModelException, TranslateException {
        long generation = run.checkpoints().generation();
        Path folder = pipelineFolder.versionName(run.jobInstanceId()).of(generation);
        SavedModel saved = new ModelExporter(plan, pipelineFolder).saveBestModel(run.checkpoints(), run.configuration(),
                run.lastEpoch(), folder);
        ModelVersion challenger = new ModelVersion(folder.getFileName().toString(), saved.path(), run.jobInstanceId(),
                generation, saved.epoch(), null);
        ModelVersion champion = champion().orElse(null);
        if (settings.evaluates()) {
            challenger = challenger.scored(score(Path.of(challenger.path())));
            if (champion != null) {
                champion = champion.scored(score(Path.of(champion.path())));
            }
        }
        PromotionDecision decision = settings.decide(plan.monitor(), challenger, champion, run.jobExecutionId(),
                clock.instant());
        logger.info("{}: {} {}: {}", plan.pipeline(), decision.promoted() ? "promotes" : "rejects",
                challenger.version(), decision.reason());
        return decision;
    }

    /** The model served now, as {@link ChampionFolder} finds it. */
    private Optional<ModelVersion> champion() throws IOException {
        Optional<ChampionPointer> pointer = ChampionPointer.read(pipelineFolder);
        if (pointer.isPresent()) {
            Path folder = pipelineFolder.version(pointer.get().version());
            return Optional.of(new ModelVersion(pointer.get().version(), folder.toString(),
                    pointer.get().jobInstanceId(), pointer.get().generation(), null, null));
        }
        Path legacy = pipelineFolder.bestModel();
        if (!Files.isDirectory(legacy)) {
            return Optional.empty();
        }
        return Optional.of(new ModelVersion(legacy.getFileName().toString(), legacy.toString(), null,
                pipelineFolder.bestModelName().generationOf(legacy).orElse(0), null, null));
    }

    /**
     * The champion's score; NaN when it cannot be evaluated (its architecture is not the
     * pipeline's any more), which lets any finite challenger win.
     */
    private float score(Path folder) throws IOException, TranslateException {
        try {
            return SavedModelValidation.of(plan, folder).figure(plan.monitor());
        }
        catch (MalformedModelException | RuntimeException ex) {
            logger.warn("{}: cannot evaluate the model in {}: {}", plan.pipeline(), folder, ex.getMessage());
            return Float.NaN;
        }
    }

    /**
     * A rejected challenger's champion served without a pointer (a workspace from before
     * versions) becomes a version of its own, so that the run's new best-model folder,
     * which supersedes it, is not served instead.
     */
    private Optional<String> adoptedChampion(PromotionDecision decision, Lease lease) throws IOException {
        ModelVersion champion = decision.champion();
        if (champion == null || ChampionPointer.read(pipelineFolder).isPresent()) {
            return Optional.empty();
        }
        Path adopted = pipelineFolder.version(champion.version());
        if (!Files.isDirectory(adopted)) {
            lease.requireHeld();
            AtomicFiles.copyFolder(Path.of(champion.path()), adopted);
        }
        return Optional.of(champion.version());
    }

    /** Writes the pointer, unless the one in force already names the version. */
    private void switchTo(String version, PromotionDecision decision, Run run) throws IOException {
        Optional<ChampionPointer> current = ChampionPointer.read(pipelineFolder);
        if (current.isPresent() && current.get().version().equals(version)) {
            logger.info("{}: {} is already the champion", plan.pipeline(), version);
            return;
        }
        Lease lease = run.lease();
        Long instance = version.equals(decision.challenger().version()) ? decision.challenger().jobInstanceId() : null;
        Path file = new ChampionPointer(version, instance, run.jobExecutionId(), lease.generation(),
                clock.instant().toString())
            .write(pipelineFolder, lease, switchWindow);
        logger.info("{}: champion is now {} ({})", plan.pipeline(), version, file);
    }

    private Path decisionFile(String version) {
        return pipelineFolder.versions().resolve(version + DECISION_EXTENSION);
    }

    /**
     * Every decision recorded beside the pipeline's versions, the oldest first.
     * @param pipelineFolder the pipeline's folder
     * @return the decisions; empty when there is none
     * @throws IOException when the folder cannot be listed
     */
    public static List<PromotionDecision> decisions(PipelineFolder pipelineFolder) throws IOException {
        Path versions = pipelineFolder.versions();
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        List<PromotionDecision> decisions = new ArrayList<>();
        try (Stream<Path> files = Files.list(versions)) {
            for (Path file : files.filter(ModelPromotion::isDecision).toList()) {
                try {
                    decisions.add(ReportJson.mapper().readValue(file.toFile(), PromotionDecision.class));
                }
                catch (JacksonException ex) {
                    logger.debug("Cannot read the promotion decision {}", file, ex);
                }
            }
        }
        decisions.sort(Comparator.comparing(PromotionDecision::decidedAt));
        return decisions;
    }

    private static boolean isDecision(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(DECISION_EXTENSION) && !name.startsWith(".") && Files.isRegularFile(file);
    }

    /**
     * Reads a decision a step recorded.
     * @param json as {@link #toJson} wrote it
     * @return the decision
     */
    public static PromotionDecision fromJson(String json) {
        return ReportJson.mapper().readValue(json, PromotionDecision.class);
    }

    /**
     * A decision as a step records it.
     * @param decision the decision
     * @return its JSON
     */
    public static String toJson(PromotionDecision decision) {
        return ReportJson.mapper().writeValueAsString(decision);
    }

}
