package dev.demon.demo.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the {@code prometheus} executable, installing Debian's {@code prometheus} package
 * first when it is missing and this JVM runs as root (as {@code .ci/run} does).
 */
final class PrometheusBinary {

    private PrometheusBinary() {
    }

    static Optional<Path> locateOrInstall() {
        Optional<Path> found = locate();
        if (found.isPresent() || !runningAsRoot()) {
            return found;
        }
        // A fresh machine's package lists may be missing or stale: update them only when
        // a plain install fails.
        if (!aptGet("install", "-y", "-qq", "prometheus")) {
            aptGet("update", "-qq");
            aptGet("install", "-y", "-qq", "prometheus");
        }
        return locate();
    }

    static Optional<Path> locate() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, "prometheus"));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin/prometheus"))).filter(Files::isExecutable).findFirst();
    }

    /** Linux gives {@code /proc/self} the effective user of the process reading it. */
    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        }
        catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean aptGet(String... arguments) {
        ProcessBuilder apt = new ProcessBuilder(Stream.concat(Stream.of("apt-get"), Stream.of(arguments)).toList())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = apt.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
