package dev.demon.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

/**
 * What the process used between two readings: every thread's CPU time and context
 * switches, those of threads that have ended too.
 */
class ProcessUsageTest {

    @Test
    void theCpuTimeOfEveryThreadAndItsSleepsAreCounted() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcessUsage before = ProcessUsage.now();
        long[] burnt = new long[1];
        Thread worker = new Thread(() -> {
            long start = threads.getCurrentThreadCpuTime();
            double sum = 0;
            while (threads.getCurrentThreadCpuTime() - start < 50_000_000L) {
                sum += Math.sqrt(sum + 1);
            }
            burnt[0] = threads.getCurrentThreadCpuTime() - start;
            for (int i = 0; i < 10; i++) {
                try {
                    Thread.sleep(1);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        worker.start();
        worker.join();

        ProcessUsage used = ProcessUsage.now().since(before);

        // The thread has ended: its CPU time and its ten sleeps count all the same.
        assertThat(used.cpuNanos()).isGreaterThanOrEqualTo(burnt[0]);
        assertThat(used.voluntarySwitches()).isGreaterThanOrEqualTo(10);
    }

}
