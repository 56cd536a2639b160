/**
 * The lease a process keeps on a running job execution in the JobRepository's database.
 *
 * <p>
 * Public API, for an application's own work too: the starter configures a
 * {@link dev.demon.spring.lease.JobLeases} bean when there is a DataSource (the
 * JobRepository's), and its jobs take a lease keyed by the job's name. An application may
 * inject that bean and lease any other name that the processes sharing the JobRepository
 * must not work on at once, such as one partition of a remotely partitioned step (the
 * benchmarks' comparison workers lease {@code <job>#<job instance id>/<partition>}):
 * {@link dev.demon.spring.lease.JobLeases#acquire} returns a
 * {@link dev.demon.spring.lease.Lease}, renewed until closed, or throws
 * {@link dev.demon.spring.lease.LeaseHeldException} naming the live
 * {@link dev.demon.spring.lease.LeaseHolder}; a holder that died is taken over after the
 * time to live ({@code demon.lease.time-to-live}), at once on its own host. The bean is a
 * {@link dev.demon.spring.lease.JdbcJobLeases}.
 */
@NullMarked
package dev.demon.spring.lease;

import org.jspecify.annotations.NullMarked;
