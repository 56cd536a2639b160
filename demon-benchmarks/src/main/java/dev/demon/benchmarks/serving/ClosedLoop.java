package dev.demon.benchmarks.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load: {@code concurrency} threads each send the next request as soon as
 * the last one is answered, for a fixed time, every request's latency recorded. Closed
 * loop, as a benchmark of the server's capacity; an open loop at a fixed arrival rate
 * would measure queueing at a chosen load instead.
 */
final class ClosedLoop {

    /** One request, as each side makes it. */
    @FunctionalInterface
    interface Call {

        /**
         * Sends one request and waits for its answer.
         * @throws Exception when the request fails, which counts as an error
         */
        void run() throws Exception;

    }

    /**
     * What one load run achieved.
     *
     * @param requestsPerSecond answered requests per second of the run
     * @param p50Millis the median latency
     * @param p99Millis the 99th percentile latency (nearest rank)
     * @param errors requests that failed
     * @param handlerMillis for HTTP, the server's mean time in the request handler, else
     * NaN
     * @param predictMillis for HTTP, the server's mean time in the served model's
     * {@code predict}, else NaN
     * @param cpuMillisPerRequest the whole process's CPU time per answered request, every
     * thread's (the server's, the clients', an OpenMP runtime's)
     * @param switchesPerRequest the whole process's context switches per answered request
     * @param threads the process's threads at the end of the run, native ones included
     */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, int errors, double handlerMillis,
            double predictMillis, double cpuMillisPerRequest, double switchesPerRequest, int threads) {

        Result withServerMillis(double handler, double predict) {
            return new Result(requestsPerSecond, p50Millis, p99Millis, errors, handler, predict, cpuMillisPerRequest,
                    switchesPerRequest, threads);
        }

    }

    private ClosedLoop() {
    }

    /**
     * Runs the load.
     * @param concurrency the number of threads
     * @param duration how long they send requests
     * @param call one request
     * @return the throughput and latencies
     * @throws Exception when a thread cannot be run
     */
    static Result run(int concurrency, Duration duration, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            CountDownLatch ready = new CountDownLatch(concurrency);
            CountDownLatch go = new CountDownLatch(1);
            long[] end = new long[1];
            List<Future<long[]>> clients = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                clients.add(threads.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    int errors = 0;
                    ready.countDown();
                    go.await();
                    long now = System.nanoTime();
                    while (now < end[0]) {
                        try {
                            call.run();
                        }
                        catch (Exception ex) {
                            errors++;
                        }
                        long answered = System.nanoTime();
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = answered - now;
                        now = answered;
                    }
                    // The last slot holds the error count.
                    long[] result = Arrays.copyOf(latencies, count + 1);
                    result[count] = errors;
                    return result;
                }));
            }
            ready.await();
            ProcessUsage before = ProcessUsage.now();
            long start = System.nanoTime();
            end[0] = start + duration.toNanos();
            go.countDown();
            List<long[]> perClient = new ArrayList<>();
            for (Future<long[]> client : clients) {
                perClient.add(client.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ProcessUsage usage = ProcessUsage.now().since(before);
            int errors = 0;
            int total = 0;
            for (long[] latencies : perClient) {
                errors += (int) latencies[latencies.length - 1];
                total += latencies.length - 1;
            }
            long[] all = new long[total];
            int at = 0;
            for (long[] latencies : perClient) {
                System.arraycopy(latencies, 0, all, at, latencies.length - 1);
                at += latencies.length - 1;
            }
            Arrays.sort(all);
            int answered = Math.max(1, total - errors);
            return new Result((total - errors) / seconds, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6,
                    errors, Double.NaN, Double.NaN, usage.cpuNanos() / 1e6 / answered,
                    (usage.voluntarySwitches() + usage.involuntarySwitches()) / (double) answered, usage.threads());
        }
        finally {
            threads.shutdownNow();
        }
    }

    /**
     * The nearest-rank percentile: the smallest value at least a fraction p of all are at
     * most.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

}
