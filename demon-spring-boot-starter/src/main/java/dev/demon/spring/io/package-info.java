/**
 * Atomic file writes.
 */
@NullMarked
package dev.demon.spring.io;

import org.jspecify.annotations.NullMarked;
