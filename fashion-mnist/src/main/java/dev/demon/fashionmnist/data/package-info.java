/**
 * Fashion-MNIST from the bundled files, read offline into DJL datasets.
 */
@NullMarked
package dev.demon.fashionmnist.data;

import org.jspecify.annotations.NullMarked;
