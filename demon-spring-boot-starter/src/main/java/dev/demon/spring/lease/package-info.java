/**
 * The lease a process keeps on a running job execution in the JobRepository's database.
 */
@NullMarked
package dev.demon.spring.lease;

import org.jspecify.annotations.NullMarked;
