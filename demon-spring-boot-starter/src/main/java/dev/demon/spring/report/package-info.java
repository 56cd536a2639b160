/**
 * The {@code report.json} a training job writes when it ends.
 */
@NullMarked
package dev.demon.spring.report;

import org.jspecify.annotations.NullMarked;
