package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.sweep.SweepJobRegistrar;
import dev.demon.spring.sweep.SweepSummary;

/**
 * Every profile's grids are sweeps the starter accepts (it refuses a bad definition at
 * start-up, by property), one per setting for the comparison, judged by validation
 * accuracy as the tables need.
 */
class ComparisonProfilesTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({ "smoke, 4", "medium, 8", "full, 8" })
    void everyGridIsMadeOfSweepsTheStarterAccepts(String profile, int settings) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ComparisonApplication.class)
            .properties("spring.config.name=comparison", "spring.batch.job.enabled=false",
                    "demon.checkpoint.dir=" + folder)
            .profiles(profile)
            .web(WebApplicationType.NONE)
            .run()) {
            ComparisonProperties properties = context.getBean(ComparisonProperties.class);
            List<String> comparison = properties.sweeps("comparison");
            assertThat(comparison).hasSize(settings)
                .allMatch(sweep -> sweep.matches("(mlp|cnn)-(sgdm|adam)-(short|long)"));
            for (String sweep : concat(comparison, properties.sweeps(GridRun.SENSITIVITY))) {
                SweepSummary summary = context.getBean(sweep + SweepJobRegistrar.SUMMARY_BEAN_SUFFIX,
                        SweepSummary.class);
                assertThat(summary.objective().toString()).as(sweep).isEqualTo("VALIDATION_ACCURACY");
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

}
