package dev.demon.spring.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.progress.LiveTraining;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.promotion.ChampionPointer;
import dev.demon.spring.promotion.ModelPromotion;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ModelVersion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * What the training page shows of each pipeline: while it trains in this process, its
 * {@link LiveTrainings} snapshot; otherwise its latest {@code report.json}. Only figures:
 * no path, host or configuration value beyond the optimizer and the schedule's name.
 */
public class TrainingPage {

    private static final Logger logger = LoggerFactory.getLogger(TrainingPage.class);

    private final Workspace workspace;

    private final List<String> pipelines;

    private final LiveTrainings live;

    private final DemonOptimizerFactory optimizers;

    private final ReportWriter reports = new ReportWriter();

    private final Map<String, ReadReport> readReports = new ConcurrentHashMap<>();

    /**
     * Creates the page's model.
     * @param workspace {@code demon.checkpoint.dir}, where each pipeline's
     * {@code report.json} is
     * @param pipelines the {@code @TrainingPipeline} names, in the order to show them
     * @param live the trainings of this process
     * @param optimizers builds this process's optimizers: the learning rates of the runs
     * training here, and the application's own schedule for a report that names it
     */
    public TrainingPage(Workspace workspace, List<String> pipelines, LiveTrainings live,
            DemonOptimizerFactory optimizers) {
        this.workspace = workspace;
        this.pipelines = List.copyOf(pipelines);
        this.live = live;
        this.optimizers = optimizers;
    }

    /**
     * Every pipeline's line.
     * @return the declared pipelines, then any other that trained here
     */
    public List<PipelineSummary> pipelines() {
        return names().stream().map(name -> details(name, false).summary()).toList();
    }

    /**
     * One pipeline's figures and curves.
     * @param pipeline the pipeline's name
     * @return its details, empty for a name that is no pipeline
     */
    public Optional<PipelineDetails> pipeline(String pipeline) {
        return names().contains(pipeline) ? Optional.of(details(pipeline, true).withModels(models(pipeline)))
                : Optional.empty();
    }

    /**
     * The pipeline's model versions with their promotion decisions, the newest first, the
     * one the champion pointer names marked served.
     */
    private List<ModelVersionLine> models(String pipeline) {
        PipelineFolder folder = workspace.pipeline(pipeline);
        try {
            String served = ChampionPointer.read(folder).map(ChampionPointer::version).orElse(null);
            List<ModelVersionLine> lines = new ArrayList<>();
            for (PromotionDecision decision : ModelPromotion.decisions(folder)) {
                ModelVersion challenger = decision.challenger();
                lines.add(0,
                        new ModelVersionLine(challenger.version(), challenger.version().equals(served),
                                decision.promoted(), decision.monitor(), challenger.score(),
                                decision.champion() != null ? decision.champion().score() : null, challenger.epoch(),
                                decision.reason(), decision.decidedAt()));
            }
            return lines;
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Cannot read the model versions of {}", pipeline, ex);
            return List.of();
        }
    }

    private Set<String> names() {
        Set<String> names = new LinkedHashSet<>(pipelines);
        live.all().forEach(training -> names.add(training.pipeline()));
        return names;
    }

    private PipelineDetails details(String pipeline, boolean curves) {
        Optional<LiveTraining> training = live.of(pipeline);
        if (training.isPresent() && training.get().running()) {
            return live(training.get(), PipelineSummary.STARTED, curves);
        }
        Optional<TrainingReport> report = report(pipeline);
        if (report.isPresent()) {
            return reported(report.get(), curves);
        }
        if (training.isPresent()) {
            // Ended here, but its report could not be written.
            return live(training.get(), PipelineSummary.ENDED, curves);
        }
        return new PipelineDetails(new PipelineSummary(pipeline, PipelineSummary.NOT_STARTED, null, null, 0, 0, 0, 0,
                null, null, null, null, null), List.of(), UpdateCurves.none());
    }

    private PipelineDetails live(LiveTraining training, String status, boolean curves) {
        List<EpochSummary> history = training.history();
        PipelineSummary summary = new PipelineSummary(training.pipeline(), status, training.optimizer(),
                training.schedule().name(), training.epoch(), training.epochs(), training.updatesDone(),
                training.totalUpdates(), training.running() ? training.secondsLeft() : null,
                EpochFigures.number(training.momentum()), EpochFigures.number(training.learningRate()),
                running(training.trainLoss(), history, EpochSummary::trainLoss),
                running(training.trainAccuracy(), history, EpochSummary::trainAccuracy));
        UpdateCurves updates = curves
                ? UpdateCurves.of(training.totalUpdates(), training.epochs(), training.schedule(),
                        optimizers.getLearningRates(), history, training.learningRate(), training.updatesDone())
                : UpdateCurves.none();
        return new PipelineDetails(summary, figures(history), updates);
    }

    private PipelineDetails reported(TrainingReport report, boolean curves) {
        List<EpochSummary> history = report.history() != null ? report.history() : List.of();
        Optional<EpochSummary> last = history.isEmpty() ? Optional.empty()
                : Optional.of(history.get(history.size() - 1));
        PipelineSummary summary = new PipelineSummary(report.pipeline(), report.status(), report.optimizer(),
                report.schedule(), history.size(), report.epochs(), report.updatesDone(), report.totalUpdates(),
                BatchStatus.COMPLETED.name().equals(report.status()) ? 0.0 : null, report.finalMomentum(),
                last.map(EpochSummary::learningRate).map(EpochFigures::number).orElse(null),
                last.map(EpochSummary::trainLoss).map(EpochFigures::number).orElse(null),
                last.map(EpochSummary::trainAccuracy).map(EpochFigures::number).orElse(null));
        UpdateCurves updates = UpdateCurves.none();
        TrainingConfiguration configuration = report.configuration();
        if (curves && configuration != null && report.totalUpdates() > 0 && report.epochs() > 0) {
            updates = UpdateCurves.of(report.totalUpdates(), report.epochs(), schedule(configuration),
                    learningRates(configuration), history, last.map(EpochSummary::learningRate).orElse(Float.NaN),
                    report.updatesDone());
        }
        return new PipelineDetails(summary, figures(history), updates);
    }

    /**
     * The schedule a recorded configuration names: a built-in one rebuilt with its
     * recorded parameters, or the application's own when its name matches; null when
     * neither.
     */
    private MomentumSchedule schedule(TrainingConfiguration configuration) {
        Optional<MomentumScheduleType> builtIn = Arrays.stream(MomentumScheduleType.values())
            .filter(type -> type.propertyValue().equals(configuration.momentumSchedule()))
            .findFirst();
        Float betaInit = configuration.betaInit();
        if (builtIn.isPresent() && betaInit != null) {
            // Only Demon has a decay start; the others record none.
            Float decayStart = configuration.decayStart();
            return builtIn.get().create(betaInit, decayStart != null ? decayStart : 0f);
        }
        MomentumSchedule own = optimizers.getMomentumSchedule();
        return own.name().equals(configuration.momentumSchedule()) ? own : null;
    }

    private static LearningRateTrackerFactory learningRates(TrainingConfiguration configuration) {
        return Arrays.stream(LearningRateScheduleType.values())
            .filter(type -> type.propertyValue().equals(configuration.learningRateSchedule()))
            .findFirst()
            .filter(type -> configuration.learningRate() > 0f)
            .map(type -> new LearningRateTrackerFactory(type, configuration.learningRate()))
            .orElse(null);
    }

    private static Float running(float value, List<EpochSummary> history, Function<EpochSummary, Float> ofLastEpoch) {
        if (Float.isFinite(value) || history.isEmpty()) {
            return EpochFigures.number(value);
        }
        return EpochFigures.number(ofLastEpoch.apply(history.get(history.size() - 1)));
    }

    private static List<EpochFigures> figures(List<EpochSummary> history) {
        return history.stream().map(EpochFigures::of).toList();
    }

    /**
     * The pipeline's report of the newest lease generation, read again only when that is
     * another file or the file changed.
     */
    private Optional<TrainingReport> report(String pipeline) {
        try {
            Path file = workspace.pipeline(pipeline).report();
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            long size = Files.size(file);
            ReadReport known = readReports.get(pipeline);
            if (known == null || !known.file().equals(file) || known.modified() != modified || known.size() != size) {
                known = new ReadReport(file, modified, size, reports.read(file));
                readReports.put(pipeline, known);
            }
            return Optional.of(known.report());
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Cannot read the report of {}", pipeline, ex);
            return Optional.empty();
        }
    }

    private record ReadReport(Path file, long modified, long size, TrainingReport report) {
    }

}
