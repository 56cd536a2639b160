/**
 * The training meters, bound to Micrometer by a {@code MeterBinder}.
 */
@NullMarked
package dev.demon.spring.metrics;

import org.jspecify.annotations.NullMarked;
