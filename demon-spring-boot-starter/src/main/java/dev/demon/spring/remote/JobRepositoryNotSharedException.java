package dev.demon.spring.remote;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a manager or a worker would keep its JobRepository to itself:
 * an H2 database in a file or in memory (the starter's default unless
 * {@code spring.datasource.url} is set) cannot be reached by the other processes, so the
 * workers would find none of the manager's trials.
 */
public class JobRepositoryNotSharedException extends RuntimeException {

    private final RemoteRole role;

    private final String url;

    /**
     * @param role {@link RemoteRole#MANAGER} or {@link RemoteRole#WORKER}
     * @param url the JobRepository's JDBC URL
     */
    public JobRepositoryNotSharedException(RemoteRole role, String url) {
        super("A " + name(role) + " (demon.remote.role=" + name(role) + ") shares its JobRepository with the other "
                + "processes of the sweep, but " + url + " is private to this process");
        this.role = role;
        this.url = url;
    }

    /**
     * Refuses a JobRepository that other processes cannot reach: H2 in a file or in
     * memory (H2's server mode, {@code jdbc:h2:tcp:} or {@code jdbc:h2:ssl:}, is shared).
     * @param role {@link RemoteRole#MANAGER} or {@link RemoteRole#WORKER}
     * @param url {@code spring.datasource.url}
     * @throws JobRepositoryNotSharedException when {@code url} is private to this process
     */
    public static void requireShared(RemoteRole role, @Nullable String url) {
        if (url == null
                || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:"))) {
            throw new JobRepositoryNotSharedException(role, String.valueOf(url));
        }
    }

    private static String name(RemoteRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @return {@link RemoteRole#MANAGER} or {@link RemoteRole#WORKER}
     */
    public RemoteRole getRole() {
        return this.role;
    }

    /**
     * @return the refused JDBC URL
     */
    public String getUrl() {
        return this.url;
    }

}
