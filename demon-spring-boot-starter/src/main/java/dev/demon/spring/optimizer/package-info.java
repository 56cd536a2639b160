/**
 * Builds the configured optimizer and learning-rate tracker.
 */
@NullMarked
package dev.demon.spring.optimizer;

import org.jspecify.annotations.NullMarked;
