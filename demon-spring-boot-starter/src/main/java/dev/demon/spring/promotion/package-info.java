/**
 * Champion and challenger: which completed run's best model each pipeline serves, the
 * versions of the served models and the pointer naming the champion
 * ({@code docs/promotion.md}).
 */
@NullMarked
package dev.demon.spring.promotion;

import org.jspecify.annotations.NullMarked;
