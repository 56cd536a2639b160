/**
 * The learning-rate baselines of Chen et al. (arXiv:1910.04952, Table 1) as DJL
 * {@link ai.djl.training.tracker.Tracker}s.
 *
 * <p>
 * DJL already has most of them, use those: step schedule =
 * {@link ai.djl.training.tracker.MultiFactorTracker} (or
 * {@link ai.djl.training.tracker.FactorTracker}), exponential decay =
 * {@link ai.djl.training.tracker.FactorTracker} with step 1, cosine =
 * {@link ai.djl.training.tracker.CosineTracker}, linear =
 * {@link ai.djl.training.tracker.LinearTracker}. This package adds the two DJL lacks:
 * {@link dev.demon.tracker.OneCycleTracker} and
 * {@link dev.demon.tracker.ReduceOnPlateauTracker}.
 */
@NullMarked
package dev.demon.tracker;

import org.jspecify.annotations.NullMarked;
