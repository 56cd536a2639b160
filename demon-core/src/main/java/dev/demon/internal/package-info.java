/**
 * Argument checks shared by the optimizers and schedules; not an API.
 */
@NullMarked
package dev.demon.internal;

import org.jspecify.annotations.NullMarked;
