package dev.demon.spring.training;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.NumberUtils;

import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.text.EditDistance;

/**
 * The training properties that one pipeline ({@code demon.pipelines.<name>.*}) or one
 * trial of a sweep may set instead of the global {@code demon.*} ones. Every field is
 * null when unset; {@link #orElse(TrainingSettings)} layers settings over others.
 *
 * <p>
 * The settings are named as the global properties are, relative to {@code demon.}
 * ({@link #names()}), and their values are checked with the same ranges and messages as
 * those properties: a record that exists holds only values that can train.
 *
 * @param optimizer {@code optimizer}: sgdm or adam
 * @param momentumSchedule {@code momentum.schedule}
 * @param betaInit {@code momentum.beta-init}, in [0, 1)
 * @param decayStart {@code momentum.decay-start}, in [0, 1)
 * @param initialLearningRate {@code learning-rate.initial}, &gt; 0 and finite
 * @param learningRateSchedule {@code learning-rate.schedule}
 * @param plateauPatience {@code learning-rate.plateau-patience}, &gt;= 0: epochs without
 * a better validation loss before the plateau schedule cuts η
 * @param weightDecay {@code weight-decay}, &gt;= 0 and finite
 * @param epochs {@code epochs}, &gt;= 1
 * @param batchSize {@code batch-size}, &gt;= 1
 * @param seed {@code seed}, any integer
 */
public record TrainingSettings(@Nullable OptimizerType optimizer, @Nullable MomentumScheduleType momentumSchedule,
        @Nullable Float betaInit, @Nullable Float decayStart, @Nullable Float initialLearningRate,
        @Nullable LearningRateScheduleType learningRateSchedule, @Nullable Integer plateauPatience,
        @Nullable Float weightDecay, @Nullable Integer epochs, @Nullable Integer batchSize, @Nullable Integer seed) {

    /** Nothing set. */
    public static final TrainingSettings NONE = new TrainingSettings(null, null, null, null, null, null, null, null,
            null, null, null);

    /** Allowed range of β_init and the decay start. */
    public static final String IN_HALF_OPEN_UNIT_INTERVAL = "must be in [0, 1)";

    /** Allowed range of the weight decay. */
    public static final String AT_LEAST_ZERO = "must be >= 0 and finite";

    /** Allowed range of the plateau schedule's patience. */
    public static final String AT_LEAST_ZERO_COUNT = "must be >= 0";

    /** Allowed range of the epochs and the batch size. */
    public static final String AT_LEAST_ONE = "must be >= 1";

    /** Allowed range of the learning rate. */
    public static final String POSITIVE = "must be > 0 and finite";

    /**
     * The largest finite float, the upper bound of the unbounded float ranges: a value
     * written as "Infinity" or "1e39" reads as infinity, which no lower bound catches.
     */
    public static final String LARGEST_FLOAT = "3.4028235E38";

    /**
     * Checks every value that is set.
     * @throws InvalidTrainingSettingException naming the first value, in the order of
     * {@link #names()}, that is out of range
     */
    public TrainingSettings {
        Setting.BETA_INIT.checkIfSet(betaInit);
        Setting.DECAY_START.checkIfSet(decayStart);
        Setting.INITIAL_LEARNING_RATE.checkIfSet(initialLearningRate);
        Setting.PLATEAU_PATIENCE.checkIfSet(plateauPatience);
        Setting.WEIGHT_DECAY.checkIfSet(weightDecay);
        Setting.EPOCHS.checkIfSet(epochs);
        Setting.BATCH_SIZE.checkIfSet(batchSize);
    }

    /**
     * The names of the settings, relative to {@code demon.}: {@code optimizer},
     * {@code momentum.schedule}, {@code momentum.beta-init},
     * {@code momentum.decay-start}, {@code learning-rate.initial},
     * {@code learning-rate.schedule}, {@code learning-rate.plateau-patience},
     * {@code weight-decay}, {@code epochs}, {@code batch-size}, {@code seed}.
     * @return the names, in that order
     */
    public static List<String> names() {
        return Arrays.stream(Setting.values()).map(setting -> setting.name).toList();
    }

    /**
     * Reads settings as a user writes them: {@code learning-rate.initial=0.03},
     * {@code optimizer=adam}. Names may be written in any of Spring Boot's relaxed forms
     * ({@code learningRate.initial}, {@code learning_rate.initial}), enum values in any
     * case and with dashes or underscores.
     * @param values setting name to value
     * @return the settings, unset where {@code values} has no entry
     * @throws InvalidTrainingSettingException naming the first entry that is no setting
     * (with the closest name there is), cannot be read, or is out of range
     */
    public static TrainingSettings parse(Map<String, String> values) {
        Map<Setting, Object> read = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Setting setting = Setting.named(entry.getKey(), entry.getValue());
            Object value = setting.read(entry.getValue());
            setting.check(value, entry.getValue());
            read.put(setting, value);
        }
        return new TrainingSettings((OptimizerType) read.get(Setting.OPTIMIZER),
                (MomentumScheduleType) read.get(Setting.MOMENTUM_SCHEDULE), (Float) read.get(Setting.BETA_INIT),
                (Float) read.get(Setting.DECAY_START), (Float) read.get(Setting.INITIAL_LEARNING_RATE),
                (LearningRateScheduleType) read.get(Setting.LEARNING_RATE_SCHEDULE),
                (Integer) read.get(Setting.PLATEAU_PATIENCE), (Float) read.get(Setting.WEIGHT_DECAY),
                (Integer) read.get(Setting.EPOCHS), (Integer) read.get(Setting.BATCH_SIZE),
                (Integer) read.get(Setting.SEED));
    }

    /**
     * These settings where set, else the fallback's, field by field.
     * @param fallback the settings under these
     * @return the layered settings
     */
    public TrainingSettings orElse(TrainingSettings fallback) {
        return new TrainingSettings(or(optimizer, fallback.optimizer), or(momentumSchedule, fallback.momentumSchedule),
                or(betaInit, fallback.betaInit), or(decayStart, fallback.decayStart),
                or(initialLearningRate, fallback.initialLearningRate),
                or(learningRateSchedule, fallback.learningRateSchedule), or(plateauPatience, fallback.plateauPatience),
                or(weightDecay, fallback.weightDecay), or(epochs, fallback.epochs), or(batchSize, fallback.batchSize),
                or(seed, fallback.seed));
    }

    /**
     * Whether any of the momentum schedule's settings is set: then the schedule is built
     * from them rather than taken from the application.
     * @return true when {@code momentum.schedule}, {@code momentum.beta-init} or
     * {@code momentum.decay-start} is set
     */
    public boolean setsMomentum() {
        return momentumSchedule != null || betaInit != null || decayStart != null;
    }

    /**
     * The settings that are set, as {@link #parse(Map)} reads them back.
     * @return setting name to value, in the order of {@link #names()}
     */
    public Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = setting.accessor.apply(this);
            if (value != null) {
                properties.put(setting.name,
                        (value instanceof Enum<?> constant) ? PropertyValues.of(constant) : String.valueOf(value));
            }
        }
        return properties;
    }

    private static <T> @Nullable T or(@Nullable T value, @Nullable T fallback) {
        return (value != null) ? value : fallback;
    }

    /** Each setting's name, type and range, in the order of the record's components. */
    private enum Setting {

        OPTIMIZER("optimizer", OptimizerType.class, null, TrainingSettings::optimizer),

        MOMENTUM_SCHEDULE("momentum.schedule", MomentumScheduleType.class, null, TrainingSettings::momentumSchedule),

        BETA_INIT("momentum.beta-init", Float.class, IN_HALF_OPEN_UNIT_INTERVAL, TrainingSettings::betaInit),

        DECAY_START("momentum.decay-start", Float.class, IN_HALF_OPEN_UNIT_INTERVAL, TrainingSettings::decayStart),

        INITIAL_LEARNING_RATE("learning-rate.initial", Float.class, POSITIVE, TrainingSettings::initialLearningRate),

        LEARNING_RATE_SCHEDULE("learning-rate.schedule", LearningRateScheduleType.class, null,
                TrainingSettings::learningRateSchedule),

        PLATEAU_PATIENCE("learning-rate.plateau-patience", Integer.class, AT_LEAST_ZERO_COUNT,
                TrainingSettings::plateauPatience),

        WEIGHT_DECAY("weight-decay", Float.class, AT_LEAST_ZERO, TrainingSettings::weightDecay),

        EPOCHS("epochs", Integer.class, AT_LEAST_ONE, TrainingSettings::epochs),

        BATCH_SIZE("batch-size", Integer.class, AT_LEAST_ONE, TrainingSettings::batchSize),

        SEED("seed", Integer.class, null, TrainingSettings::seed);

        private final String name;

        private final Class<?> type;

        private final @Nullable String range;

        private final Function<TrainingSettings, @Nullable Object> accessor;

        Setting(String name, Class<?> type, @Nullable String range,
                Function<TrainingSettings, @Nullable Object> accessor) {
            this.name = name;
            this.type = type;
            this.range = range;
            this.accessor = accessor;
        }

        static Setting named(String written, String value) {
            for (Setting setting : values()) {
                if (canonical(setting.name).equals(canonical(written))) {
                    return setting;
                }
            }
            throw new InvalidTrainingSettingException(written, value,
                    "is not a training setting; the closest one is " + EditDistance.closest(written, names()));
        }

        Object read(String written) {
            try {
                if (type.isEnum()) {
                    return readEnum(written);
                }
                return NumberUtils.parseNumber(written.trim(), type.asSubclass(Number.class));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidTrainingSettingException(name, written, unreadable());
            }
        }

        private Object readEnum(String written) {
            for (Object constant : type.getEnumConstants()) {
                // Spring Boot's lenient enum conversion: case, dashes and underscores
                // do not matter.
                if (canonical(((Enum<?>) constant).name()).equals(canonical(written).replace(".", ""))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(written);
        }

        private String unreadable() {
            if (type.isEnum()) {
                @SuppressWarnings("unchecked")
                Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) type;
                return "must be one of " + PropertyValues.allOf(enumType);
            }
            String kind = (type == Integer.class) ? "must be an integer" : "must be a number";
            return (range != null) ? kind + ", " + range : kind;
        }

        void checkIfSet(@Nullable Object value) {
            if (value != null) {
                check(value, String.valueOf(value));
            }
        }

        void check(Object value, String written) {
            boolean inRange = switch (this) {
                case BETA_INIT, DECAY_START -> (Float) value >= 0f && (Float) value < 1f;
                case INITIAL_LEARNING_RATE -> (Float) value > 0f && (Float) value <= Float.MAX_VALUE;
                case WEIGHT_DECAY -> (Float) value >= 0f && (Float) value <= Float.MAX_VALUE;
                case EPOCHS, BATCH_SIZE -> (Integer) value >= 1;
                case PLATEAU_PATIENCE -> (Integer) value >= 0;
                default -> true;
            };
            if (!inRange && range != null) {
                throw new InvalidTrainingSettingException(name, written, range);
            }
        }

        private static String canonical(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        }

    }

}
