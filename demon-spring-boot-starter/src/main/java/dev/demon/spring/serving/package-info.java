/**
 * The trained models, served from disk.
 */
@NullMarked
package dev.demon.spring.serving;

import org.jspecify.annotations.NullMarked;
