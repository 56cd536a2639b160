package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.DispatcherServlet;

import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.page.PipelineSummary;
import dev.demon.spring.page.SweepOverview;
import dev.demon.spring.page.SweepPage;
import dev.demon.spring.page.SweepPageController;
import dev.demon.spring.page.TrainingPage;
import dev.demon.spring.page.TrainingPageController;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.Workspace;

/**
 * The training page: on with {@code demon.enabled=true} in a servlet web application, off
 * with {@code demon.page.enabled=false}, without Spring MVC, or without a web server;
 * each of its beans replaced by the application's own; the sweeps' part where a
 * JobRepository is, showing the context's sweeps in their order.
 */
class DemonPageAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonPageAutoConfiguration.class))
        .withUserConfiguration(SyntheticPipeline.class);

    @Test
    void servesThePageInAServletWebApplication() {
        web.withPropertyValues("demon.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(LiveTrainings.class)
                .hasSingleBean(TrainingPage.class)
                .hasSingleBean(TrainingPageController.class);
            assertThat(context.getBean(TrainingPage.class).pipelines()).extracting(PipelineSummary::pipeline)
                .containsExactly(SyntheticPipeline.NAME);
        });
    }

    @Test
    void showsTheContextsSweepsInTheirOrderWhereAJobRepositoryIs(@TempDir Path workspace) throws Exception {
        JobRepository jobRepository = new RecordedSweep(workspace).repository();
        web.withPropertyValues("demon.enabled=true")
            .withBean(JobRepository.class, () -> jobRepository)
            .withUserConfiguration(TwoSweeps.class)
            .run(context -> {
                assertThat(context).hasSingleBean(SweepPage.class).hasSingleBean(SweepPageController.class);
                assertThat(context.getBean(SweepPage.class).sweeps()).extracting(SweepOverview::sweep)
                    .containsExactly("first", "second");
            });
    }

    @Test
    void noSweepsWithoutAJobRepository() {
        web.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(TwoSweeps.class)
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(TrainingPageController.class)
                .doesNotHaveBean(SweepPage.class)
                .doesNotHaveBean(SweepPageController.class));
    }

    @Test
    void noPageWithoutDemonEnabled() {
        web.run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(TrainingPage.class)
            .doesNotHaveBean(TrainingPageController.class)
            .doesNotHaveBean(LiveTrainings.class));
    }

    @Test
    void noPageWhenOptedOut() {
        web.withPropertyValues("demon.enabled=true", "demon.page.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(TrainingPage.class)
                .doesNotHaveBean(TrainingPageController.class)
                .doesNotHaveBean(LiveTrainings.class));
    }

    @Test
    void noPageWithoutSpringMvc() {
        web.withPropertyValues("demon.enabled=true")
            .withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(TrainingPageController.class)
                .doesNotHaveBean(LiveTrainings.class));
    }

    @Test
    void noPageInAnApplicationWithoutAWebServer() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonPageAutoConfiguration.class))
            .withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(TrainingPageController.class)
                .doesNotHaveBean(LiveTrainings.class));
    }

    @Test
    void backsOffForTheApplicationsOwnLiveTrainings() {
        web.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnLiveTrainings.class)
            .run(context -> assertThat(context.getBean(LiveTrainings.class))
                .isSameAs(context.getBean("ownLiveTrainings")));
    }

    @Test
    void backsOffForTheApplicationsOwnTrainingPage() {
        web.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnTrainingPage.class)
            .run(context -> assertThat(context.getBean(TrainingPage.class))
                .isSameAs(context.getBean("ownTrainingPage")));
    }

    @Test
    void backsOffForTheApplicationsOwnController() {
        web.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnController.class)
            .run(context -> assertThat(context.getBean(TrainingPageController.class))
                .isSameAs(context.getBean("ownController")));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLiveTrainings {

        @Bean
        LiveTrainings ownLiveTrainings() {
            return new LiveTrainings();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTrainingPage {

        @Bean
        TrainingPage ownTrainingPage(DemonOptimizerFactory optimizers) {
            return new TrainingPage(new Workspace(Path.of("elsewhere")), List.of(), new LiveTrainings(), optimizers);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnController {

        @Bean
        TrainingPageController ownController(TrainingPage page) {
            return new TrainingPageController(page);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoSweeps {

        @Bean
        @Order(2)
        SweepSummary second() {
            return new SweepSummary("second", SyntheticPipeline.NAME, "grid", ModelMonitor.VALIDATION_LOSS,
                    "second-trial");
        }

        @Bean
        @Order(1)
        SweepSummary first() {
            return new SweepSummary("first", SyntheticPipeline.NAME, "random", ModelMonitor.VALIDATION_LOSS,
                    "first-trial");
        }

    }

}
