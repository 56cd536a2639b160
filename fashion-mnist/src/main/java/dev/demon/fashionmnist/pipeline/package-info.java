/**
 * The Fashion-MNIST training pipelines: a CNN and an MLP.
 */
@NullMarked
package dev.demon.fashionmnist.pipeline;

import org.jspecify.annotations.NullMarked;
