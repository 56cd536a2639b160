package dev.demon.spring.sweep;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.demon.spring.sweep.ParameterDomain.LogUniform;
import dev.demon.spring.sweep.ParameterDomain.Uniform;
import dev.demon.spring.sweep.ParameterDomain.Values;

/**
 * One parameter of a sweep as the user wrote it, read into its {@link ParameterDomain} or
 * refused naming {@code demon.sweeps.<sweep>.parameters.<name>}.
 */
final class WrittenParameter {

    /** A name and parentheses: meant as a distribution, even a misspelt one. */
    private static final Pattern DISTRIBUTION = Pattern.compile("([A-Za-z][A-Za-z_-]*)\\s*\\((.*)\\)");

    private static final Pattern BOUNDS = Pattern.compile("([^,]*),([^,]*)");

    private static final String FORMS = "uniform(low, high) or log-uniform(low, high)";

    private final String sweep;

    private final String name;

    private final List<String> written;

    private final String joined;

    WrittenParameter(String sweep, String name, List<String> written) {
        this.sweep = sweep;
        this.name = name;
        this.written = written;
        this.joined = String.join(", ", written).strip();
    }

    ParameterDomain read() {
        if (written.isEmpty()) {
            throw refused("the list is empty; list at least one value");
        }
        Matcher distribution = DISTRIBUTION.matcher(joined);
        if (distribution.matches()) {
            if (!ParameterDomain.FLOAT_SETTINGS.contains(name)) {
                throw refused("only " + String.join(", ", ParameterDomain.FLOAT_SETTINGS)
                        + " take a distribution; list the values of " + name);
            }
            return distribution(distribution.group(1).toLowerCase(Locale.ROOT), distribution.group(2));
        }
        List<String> values = written.stream().map(String::strip).toList();
        if (values.contains("")) {
            throw refused("a value of the list is empty");
        }
        return new Values(values);
    }

    private ParameterDomain distribution(String kind, String arguments) {
        if (!kind.equals("uniform") && !kind.equals("log-uniform")) {
            throw refused(kind + " is no distribution a sweep knows; write " + FORMS);
        }
        Matcher bounds = BOUNDS.matcher(arguments);
        if (!bounds.matches()) {
            throw refused("a distribution takes two bounds; write " + FORMS);
        }
        double low = bound(bounds.group(1).strip());
        double high = bound(bounds.group(2).strip());
        if (low > high) {
            throw refused("the bounds are reversed; write the lower one first");
        }
        if (kind.equals("uniform")) {
            return new Uniform(low, high);
        }
        if (low <= 0) {
            throw refused("the bounds of log-uniform must be > 0");
        }
        return new LogUniform(low, high);
    }

    private double bound(String bound) {
        double value;
        try {
            value = Double.parseDouble(bound);
        }
        catch (NumberFormatException ex) {
            throw refused("the bound \"" + bound + "\" is not a number");
        }
        if (!Double.isFinite(value)) {
            throw refused("the bounds must be finite numbers");
        }
        return value;
    }

    private InvalidSweepException refused(String reason) {
        return new InvalidSweepException(sweep, "parameters." + name, joined, reason);
    }

}
