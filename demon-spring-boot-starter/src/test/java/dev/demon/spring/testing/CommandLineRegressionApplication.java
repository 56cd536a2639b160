package dev.demon.spring.testing;

import org.springframework.boot.SpringApplication;

/**
 * {@link RegressionTrainingApplication} started from the command line with Spring Boot's
 * idiom, as {@link CommandLineTrainingApplication} starts the synthetic one: it trains
 * the regression job at start-up and exits with whatever {@code SpringApplication.exit}
 * returns. With {@code --pause-in-epoch=<n>} its training stands still in epoch n
 * ({@link DataFault.Kind#PAUSE}) until the process is killed.
 */
public final class CommandLineRegressionApplication {

    /** The argument that pauses the training in an epoch. */
    public static final String PAUSE_IN_EPOCH = "pause-in-epoch";

    private CommandLineRegressionApplication() {
    }

    /**
     * Trains the regression job at start-up and exits.
     * @param args Spring Boot arguments, such as {@code --demon.enabled=true}
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(RegressionTrainingApplication.class);
        application.addInitializers(context -> {
            Integer epoch = context.getEnvironment().getProperty(PAUSE_IN_EPOCH, Integer.class);
            if (epoch != null) {
                context.getBeanFactory()
                    .registerSingleton("dataFault", DataFault.inRegressionEpoch(DataFault.Kind.PAUSE, epoch));
            }
        });
        System.exit(SpringApplication.exit(application.run(args)));
    }

}
