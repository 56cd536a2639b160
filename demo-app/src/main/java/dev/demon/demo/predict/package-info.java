/**
 * {@code POST /predict}: classifies an image with the best saved model.
 */
@NullMarked
package dev.demon.demo.predict;

import org.jspecify.annotations.NullMarked;
