package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.sweep.ParameterDomain.LogUniform;
import dev.demon.spring.sweep.ParameterDomain.Uniform;
import dev.demon.spring.sweep.ParameterDomain.Values;

/**
 * The parameters a sweep varies, in the order the user declared them, and the trials they
 * make: every combination of the listed values ({@link #grid()}), or a number of random
 * draws from a sampling seed ({@link #random}). A trial is its settings by
 * {@code TrainingSettings} name, in the declared order, values as
 * {@code TrainingSettings.parse} reads them.
 *
 * @param sweep the sweep's name, for refusals
 * @param parameters each parameter's domain by its setting name, in declared order
 */
public record SearchSpace(String sweep, Map<String, ParameterDomain> parameters) {

    /**
     * The most trials a sweep may have: each is a partition, with its step execution and
     * folder, and a definition asking for more is far more likely a mistake than a plan.
     */
    public static final int MAX_TRIALS = 10_000;

    /**
     * Keeps the declared order.
     * @throws InvalidSweepException naming {@code parameters} when there are none
     */
    public SearchSpace {
        if (parameters.isEmpty()) {
            throw new InvalidSweepException(sweep, "parameters", "", "a sweep needs at least one parameter");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Reads the parameters as a user wrote them.
     * @param sweep the sweep's name
     * @param written each parameter's values as Spring Boot bound them, in declared order
     * @return the search space
     * @throws InvalidSweepException naming the first parameter that cannot be read (see
     * {@link ParameterDomain#parse})
     */
    public static SearchSpace parse(String sweep, Map<String, List<String>> written) {
        Map<String, ParameterDomain> parameters = new LinkedHashMap<>();
        written.forEach((name, values) -> parameters.put(name, ParameterDomain.parse(sweep, name, values)));
        return new SearchSpace(sweep, parameters);
    }

    /**
     * How many trials the grid has: the product of the lists' lengths.
     * @return the product, or {@link Long#MAX_VALUE} when it is larger
     * @throws InvalidSweepException naming the first parameter that is a distribution
     */
    public long gridSize() {
        long size = 1;
        for (List<String> values : gridValues().values()) {
            size = (size > Long.MAX_VALUE / values.size()) ? Long.MAX_VALUE : size * values.size();
        }
        return size;
    }

    /**
     * The grid's trials: the cartesian product of the lists, the first parameter varying
     * slowest and the last fastest, each list in its written order.
     * @return every combination, as settings by name in declared order
     * @throws InvalidSweepException naming the first parameter that is a distribution, or
     * naming {@code parameters} when the grid has more than {@value #MAX_TRIALS} trials
     */
    public List<Map<String, String>> grid() {
        Map<String, List<String>> lists = gridValues();
        long size = gridSize();
        if (size > MAX_TRIALS) {
            String shape = lists.values()
                .stream()
                .map((values) -> String.valueOf(values.size()))
                .collect(Collectors.joining(" x "));
            String trials = (size == Long.MAX_VALUE) ? "more than " + Long.MAX_VALUE : String.valueOf(size);
            throw new InvalidSweepException(sweep, "parameters", shape + " values",
                    "a grid of " + trials + " trials is more than the " + MAX_TRIALS + " a sweep may have");
        }
        List<List<String>> columns = List.copyOf(lists.values());
        List<Map<String, String>> trials = new ArrayList<>((int) size);
        for (int index = 0; index < size; index++) {
            // the index in mixed radix, the last parameter its lowest digit
            String[] chosen = new String[columns.size()];
            int rest = index;
            for (int column = columns.size() - 1; column >= 0; column--) {
                List<String> values = columns.get(column);
                chosen[column] = values.get(rest % values.size());
                rest /= values.size();
            }
            Map<String, String> trial = new LinkedHashMap<>();
            int column = 0;
            for (String name : lists.keySet()) {
                trial.put(name, chosen[column++]);
            }
            trials.add(Collections.unmodifiableMap(trial));
        }
        return List.copyOf(trials);
    }

    private Map<String, List<String>> gridValues() {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        parameters.forEach((name, domain) -> {
            if (!(domain instanceof Values values)) {
                throw new InvalidSweepException(sweep, "parameters." + name, written(domain),
                        "a distribution is for random search; a grid lists the values");
            }
            lists.put(name, values.values());
        });
        return lists;
    }

    /**
     * Random search's trials, the same for the same seed in any JVM
     * ({@link SplittableRandom}'s sequence is specified). Trial by trial, parameter by
     * parameter in declared order: a list's value is drawn uniformly; a uniform float as
     * {@code low + (high - low) * u}; a log-uniform one as
     * {@code exp(log low + (log high - log low) * u)}, u uniform in [0, 1). Floats are
     * kept within their bounds and written with {@link Float#toString(float)}, so that
     * the trial's settings read them back as exactly the float drawn.
     * @param trials how many trials, from {@code demon.sweeps.<sweep>.trials}; null when
     * unset
     * @param samplingSeed the seed of the draws
     * @return the trials, as settings by name in declared order
     * @throws InvalidSweepException naming {@code trials} when it is null, below 1 or
     * above {@value #MAX_TRIALS}
     */
    public List<Map<String, String>> random(@Nullable Integer trials, long samplingSeed) {
        if (trials == null) {
            throw new InvalidSweepException(sweep, "trials", "", "random search needs the number of trials");
        }
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new InvalidSweepException(sweep, "trials", String.valueOf(trials),
                    "must be >= 1 and <= " + MAX_TRIALS);
        }
        SplittableRandom random = new SplittableRandom(samplingSeed);
        List<Map<String, String>> drawn = new ArrayList<>(trials);
        for (int i = 0; i < trials; i++) {
            Map<String, String> trial = new LinkedHashMap<>();
            parameters.forEach((name, domain) -> trial.put(name, draw(domain, random)));
            drawn.add(Collections.unmodifiableMap(trial));
        }
        return List.copyOf(drawn);
    }

    private static String draw(ParameterDomain domain, SplittableRandom random) {
        if (domain instanceof Values values) {
            return values.values().get(random.nextInt(values.values().size()));
        }
        if (domain instanceof Uniform uniform) {
            double low = uniform.low();
            double high = uniform.high();
            return floatBetween(low + (high - low) * random.nextDouble(), low, high);
        }
        LogUniform logUniform = (LogUniform) domain;
        double low = Math.log(logUniform.low());
        double high = Math.log(logUniform.high());
        return floatBetween(Math.exp(low + (high - low) * random.nextDouble()), logUniform.low(), logUniform.high());
    }

    /** The value as a float, clamped first: exp and log may round past a bound. */
    private static String floatBetween(double value, double low, double high) {
        return Float.toString((float) Math.min(Math.max(value, low), high));
    }

    private static String written(ParameterDomain domain) {
        if (domain instanceof Uniform uniform) {
            return "uniform(" + uniform.low() + ", " + uniform.high() + ")";
        }
        if (domain instanceof LogUniform logUniform) {
            return "log-uniform(" + logUniform.low() + ", " + logUniform.high() + ")";
        }
        return String.join(", ", ((Values) domain).values());
    }

}
