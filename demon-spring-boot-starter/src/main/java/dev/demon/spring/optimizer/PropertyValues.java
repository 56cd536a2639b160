package dev.demon.spring.optimizer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants are written in {@code demon.*} properties: lowercase with dashes,
 * the form Spring Boot's relaxed binding maps back to the constant ({@code ONE_CYCLE} ↔
 * {@code one-cycle}).
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /**
     * How a constant is written in a property.
     * @param value the constant
     * @return its lowercase, dashed name
     */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Every constant of an enum as written in a property, comma separated.
     * @param type the enum
     * @return the allowed values, in declaration order
     */
    public static String allOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(PropertyValues::of).collect(Collectors.joining(", "));
    }

}
