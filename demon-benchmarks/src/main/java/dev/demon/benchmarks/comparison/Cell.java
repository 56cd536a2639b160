package dev.demon.benchmarks.comparison;

import java.util.Locale;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.demon.spring.optimizer.OptimizerType;

/**
 * One training run of a grid: a setting (model, optimizer, budget), a method, a seed and
 * the hyper-parameters it runs with. A partition of the comparison job carries exactly
 * one cell in its execution context, so a restarted job knows what each unfinished
 * partition was to do.
 *
 * @param model the demo's MLP or CNN
 * @param optimizer SGD with momentum or Adam
 * @param budget {@code short} or {@code long}, or a grid's own label
 * @param epochs passes over the training set
 * @param method Demon or a baseline
 * @param seed the run's seed (initial parameters, shuffling, dropout)
 * @param learningRate η0
 * @param betaInit β_init, the momentum every schedule starts from
 */
public record Cell(ModelKind model, OptimizerType optimizer, String budget, int epochs, Method method, int seed,
        float learningRate, float betaInit) {

    private static final String PREFIX = "cell.";

    /**
     * The setting this cell belongs to, as the paper names its rows:
     * {@code cnn-sgdm-short}.
     * @return model, optimizer and budget
     */
    public String setting() {
        return model.label() + "-" + optimizer.propertyValue() + "-" + budget;
    }

    /**
     * A unique, readable name: {@code cnn-sgdm-short/demon/lr=0.01/beta=0.9/seed=1}.
     * @return the cell's key
     */
    public String key() {
        return String.format(Locale.ROOT, "%s/%s/lr=%s/beta=%s/seed=%d", setting(), method.label(), learningRate,
                betaInit, seed);
    }

    /**
     * Writes the cell into a partition's execution context.
     * @param context the context
     */
    public void writeTo(ExecutionContext context) {
        context.putString(PREFIX + "model", model.name());
        context.putString(PREFIX + "optimizer", optimizer.name());
        context.putString(PREFIX + "budget", budget);
        context.putInt(PREFIX + "epochs", epochs);
        context.putString(PREFIX + "method", method.name());
        context.putInt(PREFIX + "seed", seed);
        context.putDouble(PREFIX + "learning-rate", learningRate);
        context.putDouble(PREFIX + "beta-init", betaInit);
    }

    /**
     * Reads the cell a partition's execution context carries.
     * @param context the context
     * @return the cell
     */
    public static Cell readFrom(ExecutionContext context) {
        return new Cell(ModelKind.valueOf(context.getString(PREFIX + "model")),
                OptimizerType.valueOf(context.getString(PREFIX + "optimizer")), context.getString(PREFIX + "budget"),
                context.getInt(PREFIX + "epochs"), Method.valueOf(context.getString(PREFIX + "method")),
                context.getInt(PREFIX + "seed"), (float) context.getDouble(PREFIX + "learning-rate"),
                (float) context.getDouble(PREFIX + "beta-init"));
    }
}
