/**
 * The Spring Batch side: one job per pipeline, one step per epoch, the launcher that
 * resumes an unfinished run, and stopping at a batch boundary.
 */
@NullMarked
package dev.demon.spring.job;

import org.jspecify.annotations.NullMarked;
