package dev.demon.spring.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Waits for something another process does. The timeout is a safety net against a hung
 * build, not a claim about speed: it is set far above what the wait normally takes.
 */
public final class Polling {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private Polling() {
    }

    /**
     * Calls {@code probe} until it returns a value.
     * @param what what is awaited, for the message when the wait gives up
     * @throws IllegalStateException when {@code timeout} passes first; carries the
     * probe's last exception
     */
    public static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
                lastFailure = null;
            }
            catch (IllegalStateException stop) {
                // The probe saw that waiting longer cannot help (a process died, say).
                throw stop;
            }
            catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting after " + timeout + " for " + what, lastFailure);
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

}
