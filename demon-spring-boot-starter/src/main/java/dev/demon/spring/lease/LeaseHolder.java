package dev.demon.spring.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process that holds a job's lease: its host, its process id and since when it has
 * held it. Written as the lock's client id, {@code <host> pid <pid> since <instant>}, so
 * that another process can name it.
 *
 * @param host the host name of the holder's machine
 * @param pid the holder's process id on that host
 * @param since when the holder took the lease
 */
public record LeaseHolder(String host, long pid, Instant since) {

    private static final Pattern CLIENT_ID = Pattern.compile("(.+) pid (\\d+) since (\\S+)");

    /**
     * This process, from now on.
     * @return the holder this process is
     */
    public static LeaseHolder current() {
        return new LeaseHolder(localHost(), ProcessHandle.current().pid(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Reads a holder from a lock's client id.
     * @param clientId a client id as {@link #clientId()} writes it
     * @return the holder, or empty when the id was not written by a lease
     */
    public static Optional<LeaseHolder> parse(String clientId) {
        Matcher matcher = CLIENT_ID.matcher(clientId.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LeaseHolder(matcher.group(1), Long.parseLong(matcher.group(2)),
                    Instant.parse(matcher.group(3))));
        }
        catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * The lock's client id naming this holder.
     * @return {@code <host> pid <pid> since <instant>}
     */
    public String clientId() {
        return this.host + " pid " + this.pid + " since " + this.since;
    }

    /**
     * Whether this holder ran on {@code host} and its process is gone: a process id means
     * something on its own host only.
     * @param host the host name of the machine asking
     * @return true when the holder is known to be dead
     */
    public boolean isGoneFrom(String host) {
        return this.host.equals(host) && ProcessHandle.of(this.pid).isEmpty();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            // Without a resolvable name the machine still has the one it was given.
            String name = System.getenv("HOSTNAME");
            return (name != null && !name.isBlank()) ? name : "localhost";
        }
    }

}
