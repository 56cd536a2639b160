/**
 * Momentum schedules β_t: {@link dev.demon.schedule.DemonSchedule} and the paper's
 * momentum baselines.
 */
@NullMarked
package dev.demon.schedule;

import org.jspecify.annotations.NullMarked;
