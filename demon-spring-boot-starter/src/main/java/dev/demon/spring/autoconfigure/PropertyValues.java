package dev.demon.spring.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants are written in {@code demon.*} properties: lowercase with dashes, the form
 * Spring Boot's relaxed binding maps back to the constant ({@code ONE_CYCLE} ↔ {@code one-cycle}).
 */
final class PropertyValues {

    private PropertyValues() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String allOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(PropertyValues::of)
                .collect(Collectors.joining(", "));
    }
}
