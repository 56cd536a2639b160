package dev.demon.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.workspace.Workspace;

/**
 * Auto-configuration of Demon's building blocks, active only with
 * {@code demon.enabled=true}: the {@link MomentumSchedule} of {@code demon.momentum.*},
 * the learning-rate tracker factory of {@code demon.learning-rate.*} and the
 * {@link DemonOptimizerFactory} combining them, and the {@link Workspace} in
 * {@code demon.checkpoint.dir}, where the jobs, the serving and the training page find
 * each pipeline's files. Each backs off when the application defines its own bean of that
 * type; a user's {@code MomentumSchedule}, even a lambda, replaces Demon everywhere.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("demon.enabled")
@EnableConfigurationProperties(DemonProperties.class)
public final class DemonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MomentumSchedule momentumSchedule(DemonProperties properties) {
        DemonProperties.Momentum momentum = properties.momentum();
        return momentum.schedule().create(momentum.betaInit(), momentum.decayStart());
    }

    @Bean
    @ConditionalOnMissingBean
    LearningRateTrackerFactory learningRateTrackerFactory(DemonProperties properties) {
        return new LearningRateTrackerFactory(properties.learningRate().schedule(), properties.initialLearningRate(),
                properties.learningRate().plateauPatience());
    }

    @Bean
    @ConditionalOnMissingBean
    DemonOptimizerFactory demonOptimizerFactory(DemonProperties properties, MomentumSchedule momentumSchedule,
            LearningRateTrackerFactory learningRateTrackerFactory) {
        return new DemonOptimizerFactory(properties.optimizer(), momentumSchedule, learningRateTrackerFactory,
                properties.weightDecay());
    }

    @Bean
    @ConditionalOnMissingBean
    Workspace demonWorkspace(DemonProperties properties) {
        // Named for the starter: "workspace" alone could clash with an application's
        // bean.
        return new Workspace(properties.checkpoint().dir());
    }

}
