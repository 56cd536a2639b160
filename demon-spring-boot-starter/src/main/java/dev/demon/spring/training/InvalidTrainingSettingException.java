package dev.demon.spring.training;

/**
 * A training setting that cannot be used: a value of the wrong type or out of range, or a
 * name that is no setting. It names the setting as {@link TrainingSettings#names()} does,
 * the value as written and what is allowed, so that whoever read it from a property can
 * report it under the property's full name.
 */
public class InvalidTrainingSettingException extends IllegalArgumentException {

    private final String name;

    private final String value;

    private final String reason;

    /**
     * Creates the exception.
     * @param name the setting, e.g. {@code learning-rate.initial}
     * @param value the value as written
     * @param reason what is wrong or allowed, e.g. {@code must be > 0 and finite}
     */
    public InvalidTrainingSettingException(String name, String value, String reason) {
        super(name + " = \"" + value + "\": " + reason);
        this.name = name;
        this.value = value;
        this.reason = reason;
    }

    /**
     * Returns the setting's name.
     * @return the name as {@link TrainingSettings#names()} gives it, or the unknown name
     * as written
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the value.
     * @return the value as written
     */
    public String getValue() {
        return value;
    }

    /**
     * Returns what is wrong.
     * @return the allowed values or range, or for an unknown name the closest known one
     */
    public String getReason() {
        return reason;
    }

}
