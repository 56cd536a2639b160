package dev.demon.spring.remote;

/**
 * Thrown at start-up when a manager's embedded broker would listen on an address other
 * hosts reach without credentials: anyone there could send it trials to train, or take
 * them.
 */
public class EmbeddedBrokerExposedException extends RuntimeException {

    private final String host;

    /**
     * @param host {@code demon.remote.broker.host}, not a loopback address
     */
    public EmbeddedBrokerExposedException(String host) {
        super("The embedded broker would listen on " + host + ", which other hosts reach, without credentials");
        this.host = host;
    }

    /**
     * @return the refused address
     */
    public String getHost() {
        return this.host;
    }

}
