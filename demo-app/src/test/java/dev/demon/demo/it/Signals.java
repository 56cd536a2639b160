package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals to a child process, as a user or the system would send them.
 */
final class Signals {

    private Signals() {
    }

    /** Sends a signal as {@code kill -<name> <pid>} does. */
    static void send(String name, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s", name).isZero();
    }

}
