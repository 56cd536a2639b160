package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.demon.spring.testing.TestPackages;

/**
 * Signals sent to the demo's processes as {@code kill -<name> <pid>} sends them, with
 * procps' {@code kill} ({@value TestPackages#INSTALL_SCRIPT} installs it): Java can send
 * SIGTERM and SIGKILL only, not SIGSTOP or SIGCONT.
 */
final class Signals {

    private Signals() {
    }

    /** Sends the signal {@code name}, such as {@code STOP}, to {@code process}. */
    static void send(String name, Process process) throws IOException, InterruptedException {
        Path kill = TestPackages.program("kill", "procps", List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill")));
        Process sent = new ProcessBuilder(kill.toString(), "-" + name, Long.toString(process.pid())).inheritIO()
            .start();
        int exitCode = sent.waitFor();
        if (exitCode != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exitCode);
        }
    }

}
