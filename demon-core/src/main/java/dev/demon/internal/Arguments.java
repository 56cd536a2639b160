package dev.demon.internal;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks shared by the schedules, trackers and optimizers, so that every bad
 * argument fails the same way: an {@link IllegalArgumentException} naming the argument,
 * its value and the allowed range.
 *
 * <p>
 * Not part of the public API.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Requires {@code 0 <= value < 1}.
     * @param name the argument's name, as the caller's user knows it
     * @param value the value to check
     * @return {@code value}
     */
    public static float inHalfOpenUnitInterval(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Requires {@code 0 < value < 1}.
     * @param name the argument's name
     * @param value the value to check
     * @return {@code value}
     */
    public static float inOpenUnitInterval(String name, float value) {
        if (!(value > 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
        }
        return value;
    }

    /**
     * Requires a finite {@code value > 0}.
     * @param name the argument's name
     * @param value the value to check
     * @return {@code value}
     */
    public static float positive(String name, float value) {
        if (!(value > 0f && Float.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * Requires a finite {@code value >= 0}.
     * @param name the argument's name
     * @param value the value to check
     * @return {@code value}
     */
    public static float nonNegative(String name, float value) {
        if (!(value >= 0f && Float.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value > 0}.
     * @param name the argument's name
     * @param value the value to check
     * @return {@code value}
     */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value >= 0}.
     * @param name the argument's name
     * @param value the value to check
     * @return {@code value}
     */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /**
     * Requires a non-null value.
     * @param name the argument's name
     * @param value the value to check
     * @param <T> the value's type
     * @return {@code value}
     */
    public static <T> T required(String name, @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required, got null");
        }
        return value;
    }

}
