package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged demo ({@code demo.jar} system property, set by the failsafe plugin),
 * started as a user would start it: {@code java -jar}, in its own working folder, output
 * to {@code demo.log}.
 */
final class DemoJar {

    private DemoJar() {
    }

    /**
     * @return the repackaged jar under test
     */
    static Path path() {
        String jar = System.getProperty("demo.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property demo.jar must name the packaged demo jar (got " + jar
                    + "); run the ITs with `mvn verify`");
        }
        return Path.of(jar);
    }

    /**
     * Starts the demo with the given Spring Boot arguments.
     * @param workDir working folder of the process; receives {@code demo.log}
     * @param args Spring Boot arguments such as {@code --spring.profiles.active=quick}
     * @return the running process
     * @throws IOException when it cannot be started
     */
    static Process start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /**
     * Starts the demo with the given Spring Boot arguments and extra environment
     * variables.
     * @param workDir working folder of the process; receives {@code demo.log}
     * @param environment variables set on top of the test JVM's, such as
     * {@code OMP_NUM_THREADS}
     * @param args Spring Boot arguments such as {@code --spring.profiles.active=quick}
     * @return the running process
     * @throws IOException when it cannot be started
     */
    static Process start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(path().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(workDir).toFile());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Runs the demo headless to its end.
     * @param workDir working folder of the process; receives {@code demo.log}
     * @param args Spring Boot arguments, {@code --spring.main.web-application-type=none}
     * is added
     * @return the exit code
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    static int runHeadless(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.main.web-application-type=none");
        Process process = start(workDir, all.toArray(String[]::new));
        // A bound against a hung JVM only, far above any expected run time: not a
        // performance check.
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("demo did not exit; see " + log(workDir));
        }
        return process.exitValue();
    }

    /**
     * @param workDir the process's working folder
     * @return its combined standard output and error
     */
    static Path log(Path workDir) {
        return workDir.resolve("demo.log");
    }

}
