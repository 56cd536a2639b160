/**
 * The demo application: trains a Fashion-MNIST pipeline at start-up.
 */
@NullMarked
package dev.demon.demo;

import org.jspecify.annotations.NullMarked;
