package dev.demon.spring.sweep;

/**
 * A sweep definition that cannot run, refused before anything trains. It names the
 * property under {@code demon.sweeps.<sweep>.} that is wrong, the value as written and
 * why, so that a user finds the line to change.
 */
public class InvalidSweepException extends IllegalArgumentException {

    private final String sweep;

    private final String property;

    private final String value;

    private final String reason;

    /**
     * Creates the exception.
     * @param sweep the sweep's name, e.g. {@code two-moons-lr}
     * @param property the property relative to the sweep, e.g. {@code trials} or
     * {@code parameters.learning-rate.initial}
     * @param value the value as written, {@code ""} when the property is missing
     * @param reason what is wrong or allowed, a sentence without its full stop
     */
    public InvalidSweepException(String sweep, String property, String value, String reason) {
        super(fullName(sweep, property) + " = \"" + value + "\": " + reason);
        this.sweep = sweep;
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    private static String fullName(String sweep, String property) {
        return "demon.sweeps." + sweep + "." + property;
    }

    /**
     * Returns the sweep.
     * @return its name
     */
    public String getSweep() {
        return sweep;
    }

    /**
     * Returns the property that is wrong, by its full name.
     * @return e.g. {@code demon.sweeps.two-moons-lr.parameters.learning-rate.initial}
     */
    public String getProperty() {
        return fullName(sweep, property);
    }

    /**
     * Returns the value.
     * @return the value as written, {@code ""} when the property is missing
     */
    public String getValue() {
        return value;
    }

    /**
     * Returns what is wrong.
     * @return a sentence without its full stop
     */
    public String getReason() {
        return reason;
    }

}
