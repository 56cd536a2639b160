package dev.demon.spring.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM of its own running a main class of the starter's tests, as a user's application
 * runs: with the test class path (which the build writes for failsafe, see the starter's
 * pom), one OpenMP thread, DJL offline.
 */
public final class TestClassesJvm {

    /**
     * For a process that lives seconds: the client compiler only and the serial
     * collector, which halve the CPU time a small training application takes to start and
     * run here (5 s instead of 10 s), its figures unchanged (Java's arithmetic is strict,
     * the tensors' is native).
     */
    public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private TestClassesJvm() {
    }

    /**
     * Starts {@code mainClass} with {@code arguments}, its output in
     * {@code workDir/<name>.log}.
     * @param name the process's name, also its log's
     * @param workDir its working folder
     * @param mainClass a class of the tests with a {@code main} method
     * @param arguments its arguments
     * @return the running process
     * @throws IOException when the class path file cannot be read
     */
    public static ChildProcess start(String name, Path workDir, Class<?> mainClass, List<String> arguments)
            throws IOException {
        return start(name, workDir, List.of(), mainClass, arguments);
    }

    /**
     * Starts {@code mainClass} with more JVM options, such as {@link #SHORT_LIVED}.
     * @param name the process's name, also its log's
     * @param workDir its working folder
     * @param jvmOptions options for the JVM
     * @param mainClass a class of the tests with a {@code main} method
     * @param arguments its arguments
     * @return the running process
     * @throws IOException when the class path file cannot be read
     */
    public static ChildProcess start(String name, Path workDir, List<String> jvmOptions, Class<?> mainClass,
            List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass.getName()));
        command.addAll(arguments);
        return ChildProcess.start(name, command, workDir,
                Map.of("DJL_OFFLINE", "true", "OMP_NUM_THREADS", "1", "MXNET_ENGINE_TYPE", "NaiveEngine"));
    }

    private static String classPath() throws IOException {
        String classPathFile = System.getProperty("remote.classpath");
        if (classPathFile == null) {
            throw new IllegalStateException(
                    "Run by failsafe: the build names remote.classpath (demon-spring-boot-starter/pom.xml)");
        }
        return System.getProperty("remote.classes") + File.pathSeparator + System.getProperty("remote.test-classes")
                + File.pathSeparator + Files.readString(Path.of(classPathFile)).trim();
    }

}
