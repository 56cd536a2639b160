package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.demon.spring.promotion.PromotionMode;
import dev.demon.spring.promotion.PromotionSettings;

/**
 * {@code demon.model.promotion} and {@code demon.model.promotion-min-delta}, and a
 * pipeline's own {@code demon.pipelines.<name>.model.*} over them.
 */
class PromotionPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class))
        .withPropertyValues("demon.enabled=true");

    @Test
    void everyRunIsPromotedByDefault() {
        runner.run(context -> assertThat(context.getBean(DemonProperties.class).promotion("synthetic"))
            .isEqualTo(PromotionSettings.ALWAYS));
    }

    @Test
    void ifBetterWithAMinDeltaAppliesToEveryPipeline() {
        runner.withPropertyValues("demon.model.promotion=if-better", "demon.model.promotion-min-delta=0.02")
            .run(context -> assertThat(context.getBean(DemonProperties.class).promotion("synthetic"))
                .isEqualTo(new PromotionSettings(PromotionMode.IF_BETTER, 0.02f)));
    }

    @Test
    void aPipelinesOwnPropertiesOverrideTheGlobalOnesForItOnly() {
        runner
            .withPropertyValues("demon.model.promotion=if-better", "demon.model.promotion-min-delta=0.02",
                    "demon.pipelines.regression.model.promotion-min-delta=0.5",
                    "demon.pipelines.synthetic.model.promotion=always")
            .run(context -> {
                DemonProperties properties = context.getBean(DemonProperties.class);
                assertThat(properties.promotion("regression"))
                    .isEqualTo(new PromotionSettings(PromotionMode.IF_BETTER, 0.5f));
                assertThat(properties.promotion("synthetic"))
                    .isEqualTo(new PromotionSettings(PromotionMode.ALWAYS, 0.02f));
                assertThat(properties.promotion("other"))
                    .isEqualTo(new PromotionSettings(PromotionMode.IF_BETTER, 0.02f));
            });
    }

}
