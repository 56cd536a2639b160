package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.demon.optim.DemonAdam;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.ConstantMomentum;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.workspace.Workspace;

class DemonAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class));

    @Test
    void createsNothingWithoutDemonEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(DemonProperties.class)
            .doesNotHaveBean(MomentumSchedule.class)
            .doesNotHaveBean(DemonOptimizerFactory.class));
    }

    @Test
    void createsNothingWithDemonDisabled() {
        runner.withPropertyValues("demon.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(MomentumSchedule.class)
                .doesNotHaveBean(DemonOptimizerFactory.class));
    }

    @Test
    void checkpointsInsideAnEpochEveryTenMinutesByDefault() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context.getBean(DemonProperties.class).checkpoint().interval())
                .isEqualTo(Duration.ofMinutes(10)));
    }

    @Test
    void checkpointIntervalTakesSpringBootsDurationFormat() {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.interval=90s")
            .run(context -> assertThat(context.getBean(DemonProperties.class).checkpoint().interval())
                .isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void reseedsEveryBatchForExactResumesByDefault() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context.getBean(DemonProperties.class).checkpoint().exactResume()).isTrue());
    }

    @Test
    void exactResumeCanBeTurnedOff() {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.exact-resume=false")
            .run(context -> assertThat(context.getBean(DemonProperties.class).checkpoint().exactResume()).isFalse());
    }

    @Test
    void defaultScheduleIsDemonWithBetaInitPointNine() {
        runner.withPropertyValues("demon.enabled=true").run(context -> {
            MomentumSchedule schedule = context.getBean(MomentumSchedule.class);
            assertThat(schedule).isInstanceOf(DemonSchedule.class);
            assertThat(((DemonSchedule) schedule).getBetaInit()).isEqualTo(0.9f);
            assertThat(((DemonSchedule) schedule).getDecayStart()).isEqualTo(0f);
        });
    }

    @Test
    void momentumPropertiesBuildTheChosenSchedule() {
        runner
            .withPropertyValues("demon.enabled=true", "demon.momentum.schedule=constant",
                    "demon.momentum.beta-init=0.8")
            .run(context -> {
                MomentumSchedule schedule = context.getBean(MomentumSchedule.class);
                assertThat(schedule).isInstanceOf(ConstantMomentum.class);
                assertThat(schedule.momentum(500, 1000)).isEqualTo(0.8f);
            });
    }

    @Test
    void decayStartReachesDemonSchedule() {
        runner.withPropertyValues("demon.enabled=true", "demon.momentum.decay-start=0.5").run(context -> {
            DemonSchedule schedule = (DemonSchedule) context.getBean(MomentumSchedule.class);
            assertThat(schedule.getDecayStart()).isEqualTo(0.5f);
        });
    }

    @Test
    void oneCycleIsBoundFromItsDashedName() {
        runner.withPropertyValues("demon.enabled=true", "demon.momentum.schedule=one-cycle")
            .run(context -> assertThat(context.getBean(MomentumSchedule.class).name()).isEqualTo("one-cycle"));
    }

    @Test
    void userMomentumScheduleReplacesDemon() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(HalfMomentum.class).run(context -> {
            assertThat(context).hasSingleBean(MomentumSchedule.class).doesNotHaveBean("momentumSchedule");
            MomentumSchedule schedule = context.getBean(MomentumSchedule.class);
            assertThat(schedule).isSameAs(context.getBean("halfMomentum"));
            assertThat(context.getBean(DemonOptimizerFactory.class).create(100).getMomentumSchedule())
                .isSameAs(schedule);
        });
    }

    @Test
    void userLearningRateTrackerFactoryReplacesTheConfiguredOne() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(HalfLearningRate.class).run(context -> {
            assertThat(context).hasSingleBean(LearningRateTrackerFactory.class)
                .doesNotHaveBean("learningRateTrackerFactory");
            assertThat(context.getBean(LearningRateTrackerFactory.class)).isSameAs(context.getBean("halfLearningRate"));
            // The optimizer factory builds its trackers with it: η = 0.5 where demon.*
            // would give 0.01.
            assertThat(context.getBean(DemonOptimizerFactory.class).createLearningRateTracker(100).getNewValue("w", 1))
                .isEqualTo(0.5f);
        });
    }

    @Test
    void userOptimizerFactoryReplacesTheConfiguredOne() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(AdamWithoutWeightDecay.class)
            .run(context -> {
                assertThat(context).hasSingleBean(DemonOptimizerFactory.class).doesNotHaveBean("demonOptimizerFactory");
                DemonOptimizerFactory factory = context.getBean(DemonOptimizerFactory.class);
                assertThat(factory).isSameAs(context.getBean("adamWithoutWeightDecay"));
                // demon.optimizer is sgdm by default; the user's factory builds Adam.
                assertThat(factory.create(100)).isInstanceOf(DemonAdam.class);
            });
    }

    @Test
    void sgdmIsTheDefaultOptimizerWithLearningRateOneHundredth() {
        runner.withPropertyValues("demon.enabled=true").run(context -> {
            assertThat(context.getBean(DemonOptimizerFactory.class).create(100)).isInstanceOf(DemonSgd.class);
            assertThat(context.getBean(LearningRateTrackerFactory.class).getInitialValue()).isEqualTo(0.01f);
        });
    }

    @Test
    void adamDefaultsToLearningRateOneTenThousandth() {
        runner.withPropertyValues("demon.enabled=true", "demon.optimizer=adam").run(context -> {
            assertThat(context.getBean(DemonOptimizerFactory.class).create(100)).isInstanceOf(DemonAdam.class);
            assertThat(context.getBean(LearningRateTrackerFactory.class).getInitialValue()).isEqualTo(0.0001f);
        });
    }

    @Test
    void explicitLearningRateWinsOverTheOptimizerDefault() {
        runner.withPropertyValues("demon.enabled=true", "demon.optimizer=adam", "demon.learning-rate.initial=0.003")
            .run(context -> assertThat(context.getBean(LearningRateTrackerFactory.class).getInitialValue())
                .isEqualTo(0.003f));
    }

    @Test
    void optimizerGetsTheConfiguredLearningRateSchedule() {
        runner.withPropertyValues("demon.enabled=true", "demon.learning-rate.schedule=step").run(context -> {
            DemonOptimizerFactory factory = context.getBean(DemonOptimizerFactory.class);
            // Step decay over T = 100: x0.1 once the update number exceeds 50.
            assertThat(factory.createLearningRateTracker(100).getNewValue("w", 51)).isEqualTo(0.001f);
        });
    }

    @Test
    void workspaceIsInTheDefaultCheckpointFolder() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context.getBean(Workspace.class).root())
                .isEqualTo(Path.of("demon-checkpoints").toAbsolutePath()));
    }

    @Test
    void workspaceIsInTheConfiguredCheckpointFolder() {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=/data/checkpoints")
            .run(context -> assertThat(context.getBean(Workspace.class).root())
                .isEqualTo(Path.of("/data/checkpoints")));
    }

    @Test
    void userWorkspaceReplacesTheConfiguredOne() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(SharedWorkspace.class).run(context -> {
            assertThat(context).hasSingleBean(Workspace.class).doesNotHaveBean("demonWorkspace");
            assertThat(context.getBean(Workspace.class).root()).isEqualTo(Path.of("/shared/demon"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class SharedWorkspace {

        @Bean
        Workspace sharedWorkspace() {
            return new Workspace(Path.of("/shared/demon"));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class HalfMomentum {

        @Bean
        MomentumSchedule halfMomentum() {
            return new MomentumSchedule() {
                @Override
                public float momentum(long t, long totalUpdates) {
                    return 0.5f;
                }

                @Override
                public String name() {
                    return "half";
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class HalfLearningRate {

        @Bean
        LearningRateTrackerFactory halfLearningRate() {
            return new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.5f);
        }

    }

    /**
     * An optimizer factory of the application's own, built from the auto-configured
     * building blocks.
     */
    @Configuration(proxyBeanMethods = false)
    static class AdamWithoutWeightDecay {

        @Bean
        DemonOptimizerFactory adamWithoutWeightDecay(MomentumSchedule momentumSchedule,
                LearningRateTrackerFactory learningRates) {
            return new DemonOptimizerFactory(OptimizerType.ADAM, momentumSchedule, learningRates, 0f);
        }

    }

}
