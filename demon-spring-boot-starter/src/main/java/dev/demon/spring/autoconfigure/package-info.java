/**
 * The starter's wiring: properties, auto-configurations and failure analyzers. No other
 * package imports this one.
 */
@NullMarked
package dev.demon.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
