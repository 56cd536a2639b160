package dev.demon.benchmarks.comparison;

/**
 * Thrown at start-up when a manager or a worker would keep its JobRepository to itself:
 * an H2 database in a file or in memory (the starter's default unless
 * {@code spring.datasource.url} is set) cannot be reached by the other processes, so the
 * workers would find none of the manager's cells.
 */
public class JobRepositoryNotSharedException extends RuntimeException {

    private final String profile;

    private final String url;

    /**
     * @param profile {@code manager} or {@code worker}
     * @param url the JobRepository's JDBC URL
     */
    public JobRepositoryNotSharedException(String profile, String url) {
        super("With the profile " + profile + " the JobRepository must be shared by the manager and its workers, but "
                + url + " is private to this process");
        this.profile = profile;
        this.url = url;
    }

    /**
     * Refuses a JobRepository that other processes cannot reach: H2 in a file or in
     * memory (H2's server mode, {@code jdbc:h2:tcp:} or {@code jdbc:h2:ssl:}, is shared).
     * @param profile {@code manager} or {@code worker}
     * @param url {@code spring.datasource.url}
     * @throws JobRepositoryNotSharedException when {@code url} is private to this process
     */
    public static void requireShared(String profile, String url) {
        if (url == null
                || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:"))) {
            throw new JobRepositoryNotSharedException(profile, String.valueOf(url));
        }
    }

    /**
     * @return {@code manager} or {@code worker}
     */
    public String getProfile() {
        return this.profile;
    }

    /**
     * @return the refused JDBC URL
     */
    public String getUrl() {
        return this.url;
    }

}
