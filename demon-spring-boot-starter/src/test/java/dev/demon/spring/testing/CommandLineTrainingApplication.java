package dev.demon.spring.testing;

import org.springframework.boot.SpringApplication;

/**
 * {@link SyntheticTrainingApplication} started from the command line as a Spring Batch
 * application is, with Spring Boot's idiom and no exit logic of its own: the exit status
 * is whatever {@code SpringApplication.exit} returns.
 */
public final class CommandLineTrainingApplication {

    private CommandLineTrainingApplication() {
    }

    /**
     * Trains the synthetic job at start-up and exits.
     * @param args Spring Boot arguments, such as {@code --demon.enabled=true}
     */
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(SyntheticTrainingApplication.class, args)));
    }

}
