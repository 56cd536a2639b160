package dev.demon.spring.sweep;

import java.util.List;

/**
 * What one swept parameter may take, as a user writes it under
 * {@code demon.sweeps.<sweep>.parameters.<name>}: a list of values, or for random search
 * a distribution of a float setting, {@code uniform(low, high)} or
 * {@code log-uniform(low, high)}.
 */
public sealed interface ParameterDomain {

    /**
     * The settings whose values are floats, the only ones a distribution may draw (their
     * {@code TrainingSettings} names).
     */
    List<String> FLOAT_SETTINGS = List.of("momentum.beta-init", "momentum.decay-start", "learning-rate.initial",
            "weight-decay");

    /**
     * Reads what a user wrote for a parameter. Spring Boot binds a scalar property to a
     * list by splitting it on commas, so {@code log-uniform(0.001, 0.3)} arrives as
     * {@code [log-uniform(0.001, 0.3)]}; the parts are joined again before reading.
     * @param sweep the sweep's name, for the refusal
     * @param name the parameter's setting name, e.g. {@code learning-rate.initial}
     * @param written the values as bound
     * @return the distribution the joined text names, else the values as written
     * @throws InvalidSweepException naming {@code parameters.<name>} for an empty list,
     * an empty value, a distribution that is not {@code uniform} or {@code log-uniform},
     * a bound that is no finite number, reversed bounds, a log-uniform bound not above 0,
     * or a distribution of a setting that is not a float
     */
    static ParameterDomain parse(String sweep, String name, List<String> written) {
        return new WrittenParameter(sweep, name, written).read();
    }

    /**
     * Values listed one by one: the grid takes each, random search draws one uniformly.
     *
     * @param values the values as written, none empty, in the order written
     */
    record Values(List<String> values) implements ParameterDomain {

        /**
         * Copies the list.
         */
        public Values {
            values = List.copyOf(values);
        }

    }

    /**
     * Floats drawn uniformly between two bounds, for random search.
     *
     * @param low the lower bound, finite
     * @param high the upper bound, finite, &gt;= low
     */
    record Uniform(double low, double high) implements ParameterDomain {

    }

    /**
     * Floats whose logarithm is drawn uniformly between the bounds' logarithms, for
     * random search: each decade between the bounds as likely as another, as learning
     * rates are usually searched.
     *
     * @param low the lower bound, finite and &gt; 0
     * @param high the upper bound, finite, &gt;= low
     */
    record LogUniform(double low, double high) implements ParameterDomain {

    }

}
