/**
 * Sweeps across machines: a sweep's trials sent over JMS by the sweep's process (the
 * manager) with Spring Batch's remote partitioning, and trained by worker processes that
 * share its JobRepository, each trial under a lease of its own.
 *
 * <p>
 * Spring Batch does the distribution: the manager's partitioned step sends each trial's
 * {@code StepExecutionRequest} and polls the JobRepository
 * ({@link dev.demon.spring.remote.RemoteTrialPartitionHandler}), and a worker runs the
 * trial's step with {@code StepExecutionRequestHandler}, behind a claim that keeps a
 * trial from being trained twice ({@link dev.demon.spring.remote.TrialClaim}).
 */
@NullMarked
package dev.demon.spring.remote;

import org.jspecify.annotations.NullMarked;
