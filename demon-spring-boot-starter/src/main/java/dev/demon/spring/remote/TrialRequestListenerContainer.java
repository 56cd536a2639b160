package dev.demon.spring.remote;

import java.time.Duration;

import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.support.JmsUtils;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The worker's JMS listener container: Spring's {@link DefaultMessageListenerContainer},
 * except while the broker cannot be reached. Spring's container then logs an ERROR line
 * at every attempt to reconnect ("Could not refresh JMS Connection ..."), every 5 s; this
 * one logs one WARN line when it first fails, with the cause, and one INFO line once it
 * has reached the broker again, and tries at the same interval meanwhile.
 *
 * <p>
 * Not reaching the broker is expected of a worker: it serves sweeps until stopped
 * (docs/remote-workers.md), while a manager's embedded broker stops when the manager's
 * sweep has ended and starts with the next manager, so a worker between two sweeps, or
 * started before its manager, waits for the broker for as long as no manager runs. A
 * broker that never answers (a wrong {@code spring.artemis.broker-url}, refused
 * credentials) is named by the cause in the WARN line.
 */
public class TrialRequestListenerContainer extends DefaultMessageListenerContainer {

    private static final Logger waiting = LoggerFactory.getLogger(TrialRequestListenerContainer.class);

    private final Duration retryInterval;

    /** A container that tries to reach the broker every 5 s, Spring's default. */
    public TrialRequestListenerContainer() {
        this(Duration.ofMillis(DEFAULT_RECOVERY_INTERVAL));
    }

    /**
     * A container that tries to reach the broker at its own interval.
     * @param retryInterval how long it waits between two attempts to reach the broker
     */
    public TrialRequestListenerContainer(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    /**
     * Spring's loop
     * ({@link DefaultMessageListenerContainer#refreshConnectionUntilSuccessful()}),
     * logging the first failure and the success after it instead of every failure.
     */
    @Override
    protected void refreshConnectionUntilSuccessful() {
        BackOffExecution attempts = new FixedBackOff(retryInterval.toMillis()).start();
        boolean failed = false;
        while (isRunning()) {
            try {
                if (sharedConnectionEnabled()) {
                    refreshSharedConnection();
                }
                else {
                    JmsUtils.closeConnection(createConnection());
                }
                if (failed) {
                    waiting.info("The broker is reached again: this worker takes trials from the queue {}",
                            getDestinationDescription());
                }
                return;
            }
            catch (Exception ex) {
                if (ex instanceof JMSException jmsException) {
                    invokeExceptionListener(jmsException);
                }
                if (!failed) {
                    waiting
                        .warn("The broker cannot be reached ({}): this worker takes no trial until it can, and tries "
                                + "again every {} ms without logging each attempt. Expected while no manager runs: a "
                                + "manager's embedded broker stops when its sweep has ended; otherwise check "
                                + "spring.artemis.broker-url, user and password", cause(ex), retryInterval.toMillis());
                    failed = true;
                }
            }
            if (!applyBackOffTime(attempts)) {
                // Interrupted while recovering: Spring's container gives up here too.
                waiting.error(
                        "Stopping the worker's listener for the queue {}: interrupted while waiting for the broker",
                        getDestinationDescription());
                stop();
            }
        }
    }

    private static String cause(Exception ex) {
        return (ex instanceof JMSException jmsException) ? JmsUtils.buildExceptionMessage(jmsException)
                : ex.getMessage();
    }

}
