package dev.demon.benchmarks.comparison;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The last step of both jobs: gathers the finished cells from the JobRepository and
 * writes the report ({@code <name>.md}), every cell ({@code <name>-cells.csv}) and, for
 * the sensitivity job, the heatmaps, into {@code comparison.output-dir}.
 */
public class ReportTasklet implements Tasklet {

    private static final Logger logger = LoggerFactory.getLogger(ReportTasklet.class);

    private final JobRepository jobRepository;

    private final ComparisonProperties properties;

    private final String name;

    private final String workerStep;

    /**
     * @param jobRepository where the cells' results are
     * @param properties the grids and the output folder
     * @param name {@code comparison} or {@code sensitivity}
     * @param workerStep the partitions' step name
     */
    public ReportTasklet(JobRepository jobRepository, ComparisonProperties properties, String name, String workerStep) {
        this.jobRepository = jobRepository;
        this.properties = properties;
        this.name = name;
        this.workerStep = workerStep;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<CellResults.Finished> finished = CellResults.collect(jobRepository,
                contribution.getStepExecution().getJobExecution(), workerStep);
        Path folder = properties.outputDir();
        Files.createDirectories(folder);
        CellCsv.write(finished, folder.resolve(name + "-cells.csv"));
        String report;
        if (Grids.SENSITIVITY_BUDGET.equals(name)) {
            SensitivityHeatmaps heatmaps = new SensitivityHeatmaps(properties.sensitivity(), finished);
            heatmaps.draw(folder);
            report = heatmaps.toMarkdown();
        }
        else {
            report = new ComparisonTable(finished).toMarkdown();
        }
        Files.writeString(folder.resolve(name + ".md"), report);
        logger.info("{} cells; report in {}\n{}", finished.size(), folder.resolve(name + ".md").toAbsolutePath(),
                report);
        return RepeatStatus.FINISHED;
    }

}
