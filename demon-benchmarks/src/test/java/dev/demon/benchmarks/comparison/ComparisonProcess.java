package dev.demon.benchmarks.comparison;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.demon.spring.testing.ChildProcess;

/**
 * {@link ComparisonApplication} in a JVM of its own, as {@code run.sh comparison} starts
 * it: the module's classes and runtime class path (which the build writes for the
 * integration tests), DJL offline, one OpenMP thread per operator and two MXNet worker
 * threads, whatever the process does, so that every process computes alike.
 */
final class ComparisonProcess {

    private ComparisonProcess() {
    }

    /**
     * Starts the application with the {@code smoke} grid and more profiles.
     * @param name the process's name; its output goes to {@code <workDir>/<name>.log}
     * @param workDir its working folder
     * @param profiles profiles after {@code smoke}, such as {@code manager}
     * @param arguments Spring Boot arguments
     * @return the running process
     */
    static ChildProcess startSmoke(String name, Path workDir, String profiles, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                        "-Dai.djl.offline=true", "-cp", classPath(), ComparisonApplication.class.getName(),
                        "--spring.profiles.active=smoke" + (profiles.isEmpty() ? "" : "," + profiles)));
        command.addAll(arguments);
        return ChildProcess.start(name, command, workDir,
                Map.of("DJL_OFFLINE", "true", "OMP_NUM_THREADS", "1", "MXNET_CPU_WORKER_NTHREADS", "2"));
    }

    private static String classPath() throws IOException {
        String classes = System.getProperty("comparison.classes");
        String classPathFile = System.getProperty("comparison.classpath");
        if (classes == null || classPathFile == null) {
            throw new IllegalStateException("Run by failsafe: the build names comparison.classes and "
                    + "comparison.classpath (demon-benchmarks/pom.xml)");
        }
        return classes + File.pathSeparator + Files.readString(Path.of(classPathFile)).trim();
    }

}
