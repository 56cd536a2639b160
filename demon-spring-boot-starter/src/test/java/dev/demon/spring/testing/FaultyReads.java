package dev.demon.spring.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reads of one dataset with a {@link DataFault} injected: counts the reads of the
 * faulty record and spoils the chosen one, so every test dataset fails the same way.
 */
final class FaultyReads {

    private final DataFault fault;

    private final AtomicInteger faultyRecordReads = new AtomicInteger();

    FaultyReads(DataFault fault) {
        this.fault = fault;
    }

    /**
     * The features of a record as this read sees them.
     * @param index the record's index
     * @param features its features
     * @return the features, or NaN in their place when this read is the NaN fault
     * @throws IOException when this read is the error fault
     * @see DataFault.Kind#PAUSE
     */
    float[] read(long index, float[] features) throws IOException {
        if (index == fault.record() && faultyRecordReads.incrementAndGet() == fault.onRead()) {
            switch (fault.kind()) {
                case ERROR -> throw new IOException("injected fault: record " + index + " cannot be read");
                case NAN -> {
                    float[] nan = new float[features.length];
                    Arrays.fill(nan, Float.NaN);
                    return nan;
                }
                case PAUSE -> pause(index);
                case NONE -> {
                }
            }
        }
        return features;
    }

    /**
     * Waits until the process ends, after saying so on standard output, where a test that
     * started the process reads its log.
     */
    private static void pause(long index) {
        System.out.println(DataFault.PAUSED + index);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        }
        catch (InterruptedException ex) {
            // Interrupted (the JVM shutting down, say): the read goes on, the interrupt
            // kept for whoever reads next.
            Thread.currentThread().interrupt();
        }
    }

}
