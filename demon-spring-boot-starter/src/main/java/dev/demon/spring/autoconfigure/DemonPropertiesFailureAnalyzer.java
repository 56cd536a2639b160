package dev.demon.spring.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.text.EditDistance;

/**
 * Explains a bad {@code demon.*} value: the property, the value, where it was set and
 * what is allowed. It covers both ways binding fails: a value of the right type out of
 * range (a {@link BindValidationException} from the constraints on
 * {@link DemonProperties}) and a value that cannot be converted at all, such as
 * {@code demon.optimizer=rmsprop} or {@code demon.epochs=ten} (a conversion failure
 * inside the {@link BindException}); and a key that is no Demon property at all, such as
 * {@code demon.optimiser=adam} (left unbound, which {@link DemonProperties} refuses), for
 * which it names the closest property there is.
 *
 * <p>
 * Ordered first so that it answers before Spring Boot's generic bind analyzers, and only
 * for {@code demon.*}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DemonPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("demon");

    private static final ConfigurationPropertyName PIPELINES = PREFIX.append("pipelines");

    private static final ConfigurationPropertyName SWEEPS = PREFIX.append("sweeps");

    private static final List<String> KNOWN = PropertyNames.of(PREFIX.toString(), DemonProperties.class);

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!PREFIX.equals(cause.getName()) && !PREFIX.isAncestorOf(cause.getName())) {
            return null;
        }
        BindValidationException invalid = findCause(cause, BindValidationException.class);
        UnboundConfigurationPropertiesException unknown = findCause(cause,
                UnboundConfigurationPropertiesException.class);
        List<Problem> problems = (invalid != null) ? outOfRange(invalid)
                : (unknown != null) ? unknown(unknown) : unconvertible(cause);
        if (problems.isEmpty()) {
            return null;
        }
        StringBuilder description = new StringBuilder("Invalid Demon configuration:");
        StringBuilder action = new StringBuilder("Update your application's configuration:");
        for (Problem problem : problems) {
            description.append(String.format("%n    %s = \"%s\"%s: %s", problem.property(), problem.value(),
                    problem.origin() != null ? " (" + problem.origin() + ")" : "", problem.allowed()));
            action.append(String.format("%n    %s %s", problem.property(), problem.allowed()));
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    private static List<Problem> outOfRange(BindValidationException invalid) {
        ConfigurationPropertyName parent = invalid.getValidationErrors().getName();
        List<Problem> problems = new ArrayList<>();
        for (ObjectError error : invalid.getValidationErrors()) {
            if (error instanceof FieldError field) {
                ConfigurationPropertyName name = parent.append(DataObjectPropertyName.toDashedForm(field.getField()));
                if (problems.stream().anyMatch(problem -> problem.property().equals(written(name)))) {
                    // NaN breaks both bounds of a range: name the property once.
                    continue;
                }
                // Quote the value as written, not as converted (0.0005, not 5.0E-4).
                ConfigurationProperty bound = invalid.getValidationErrors()
                    .getBoundProperties()
                    .stream()
                    .filter(property -> uniform(property.getName()).equals(uniform(name)))
                    .findFirst()
                    .orElse(null);
                problems.add(new Problem(written(name),
                        String.valueOf(bound != null ? bound.getValue() : field.getRejectedValue()),
                        bound != null ? bound.getOrigin() : Origin.from(field),
                        describe(name, field.getDefaultMessage())));
            }
        }
        return problems;
    }

    /**
     * A name as a properties file writes it: the binder names a map entry
     * {@code demon.pipelines[two-moons]}, a user {@code demon.pipelines.two-moons}.
     */
    private static String written(ConfigurationPropertyName name) {
        return elements(name, ConfigurationPropertyName.Form.ORIGINAL);
    }

    /**
     * A name in a form that every relaxed spelling of it shares, map keys included (which
     * Spring Boot's own uniform form keeps as they are).
     */
    private static String uniform(ConfigurationPropertyName name) {
        return written(name).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String elements(ConfigurationPropertyName name, ConfigurationPropertyName.Form form) {
        StringJoiner elements = new StringJoiner(".");
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            elements.add(name.getElement(i, form));
        }
        return elements.toString();
    }

    private static List<Problem> unknown(UnboundConfigurationPropertiesException unknown) {
        return unknown.getUnboundProperties()
            .stream()
            .sorted(Comparator.comparing(ConfigurationProperty::getName))
            .map(property -> new Problem(property.getName().toString(), String.valueOf(property.getValue()),
                    property.getOrigin(),
                    "is not a Demon property; the closest one is "
                            + EditDistance.closest(property.getName().toString(), known(property.getName()))))
            .toList();
    }

    /**
     * The properties a misspelt name may have meant: under
     * {@code demon.pipelines.<name>}, that pipeline's; under {@code demon.sweeps.<name>},
     * a sweep's; elsewhere, the global ones.
     */
    private static List<String> known(ConfigurationPropertyName name) {
        if (PIPELINES.isAncestorOf(name) && name.getNumberOfElements() > PIPELINES.getNumberOfElements() + 1) {
            ConfigurationPropertyName pipeline = name.chop(PIPELINES.getNumberOfElements() + 1);
            return PropertyNames.of(pipeline.toString(), DemonProperties.PipelineOverrides.class);
        }
        if (SWEEPS.isAncestorOf(name) && name.getNumberOfElements() > SWEEPS.getNumberOfElements() + 1) {
            ConfigurationPropertyName sweep = name.chop(SWEEPS.getNumberOfElements() + 1);
            return PropertyNames.of(sweep.toString(), DemonProperties.SweepProperties.class);
        }
        return KNOWN;
    }

    private static List<Problem> unconvertible(BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null) {
            return List.of();
        }
        Class<?> type = cause.getTarget().getType().resolve(Object.class);
        String allowed = type.isEnum() ? describe(property.getName(), null)
                : describe(property.getName(), "must be " + typeDescription(type));
        return List.of(new Problem(property.getName().toString(), String.valueOf(property.getValue()),
                property.getOrigin(), allowed));
    }

    /**
     * What a property allows: the enum values for an enum, otherwise the messages of the
     * constraints declared on {@link DemonProperties}, each of which states the whole
     * range.
     */
    private static String describe(ConfigurationPropertyName name, String first) {
        Method accessor = accessor(name);
        if (accessor != null && accessor.getReturnType().isEnum()) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> type = (Class<? extends Enum<?>>) accessor.getReturnType();
            return "must be one of " + PropertyValues.allOf(type);
        }
        Set<String> messages = new LinkedHashSet<>();
        if (first != null) {
            messages.add(first);
        }
        if (accessor != null) {
            for (Annotation annotation : accessor.getAnnotations()) {
                constraintMessage(annotation).ifPresent(messages::add);
            }
        }
        return String.join(", ", messages);
    }

    private static Optional<String> constraintMessage(Annotation annotation) {
        if (!annotation.annotationType().getPackageName().equals("jakarta.validation.constraints")) {
            return Optional.empty();
        }
        try {
            Object message = annotation.annotationType().getMethod("message").invoke(annotation);
            return Optional.of(String.valueOf(message));
        }
        catch (ReflectiveOperationException ex) {
            return Optional.empty();
        }
    }

    /**
     * The record accessor behind a {@code demon.*} property name, or null when there is
     * none.
     */
    private static @Nullable Method accessor(ConfigurationPropertyName name) {
        Class<?> type = DemonProperties.class;
        Method accessor = null;
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            if (type == null || !type.isRecord()) {
                return null;
            }
            String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
            accessor = null;
            for (RecordComponent component : type.getRecordComponents()) {
                if (DataObjectPropertyName.toDashedForm(component.getName()).equals(element)) {
                    accessor = component.getAccessor();
                }
            }
            if (accessor == null) {
                return null;
            }
            type = accessor.getReturnType();
            if (Map.class.isAssignableFrom(type)) {
                // demon.pipelines.<name>.*: the next element is a key, not a property.
                type = ResolvableType.forMethodReturnType(accessor).asMap().resolveGeneric(1);
                i++;
            }
        }
        return accessor;
    }

    private static String typeDescription(Class<?> type) {
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class || boxed == Long.class) {
            return "an integer";
        }
        if (boxed == Float.class || boxed == Double.class) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (type == Path.class) {
            return "a folder path";
        }
        if (type == Duration.class) {
            return "a duration, such as 10m or 30s";
        }
        return "a " + type.getSimpleName();
    }

    private record Problem(String property, String value, Origin origin, String allowed) {
    }

}
