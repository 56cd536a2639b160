package dev.demon.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale benchmark tells the workers' trials apart by the line a trial's start logs.
 */
class SweepScaleTest {

    @TempDir
    Path folder;

    @Test
    void eachTrialIsTrainedByTheWorkerWhoseLogStartsIt() throws Exception {
        Path first = Files.writeString(folder.resolve("worker-1.log"),
                "INFO TrialTasklet : fashion-mnist-mlp-sweep trial-0001 (attempt 1): {learning-rate.initial=0.0100} "
                        + "from epoch 1 of 16\nINFO TrialTasklet : fashion-mnist-mlp-sweep trial-0003 (attempt 1): "
                        + "{learning-rate.initial=0.0316} from epoch 1 of 16\n");
        Path second = Files.writeString(folder.resolve("worker-2.log"),
                "INFO TrialTasklet : fashion-mnist-mlp trial-0009 (attempt 1): another sweep\n"
                        + "INFO TrialTasklet : fashion-mnist-mlp-sweep trial-0002 (attempt 1): "
                        + "{learning-rate.initial=0.0178} from epoch 1 of 16\n");
        Map<String, Path> logs = new LinkedHashMap<>();
        logs.put("worker-1", first);
        logs.put("worker-2", second);

        assertThat(SweepScale.trainedBy("fashion-mnist-mlp-sweep", logs)).containsExactlyInAnyOrderEntriesOf(
                Map.of("trial-0001", "worker-1", "trial-0003", "worker-1", "trial-0002", "worker-2"));
    }

}
