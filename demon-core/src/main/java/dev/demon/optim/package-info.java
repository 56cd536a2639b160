/**
 * The Demon optimizers of Chen et al. (arXiv:1910.04952):
 * {@link dev.demon.optim.DemonSgd} (Algorithm 1) and {@link dev.demon.optim.DemonAdam}
 * (Algorithm 2), DJL optimizers whose momentum follows a
 * {@link dev.demon.schedule.MomentumSchedule}, restorable with
 * {@link dev.demon.optim.StatefulOptimizer}.
 */
@NullMarked
package dev.demon.optim;

import org.jspecify.annotations.NullMarked;
