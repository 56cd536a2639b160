package dev.demon.optim;

import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * An optimizer whose whole state (every buffer and counter) can be written to a stream
 * and read back, so that a restored optimizer continues exactly as the original would
 * have: same β and learning-rate sequence, same buffers, bit for bit on the same engine.
 *
 * <p>
 * This is what lets an interrupted training job resume without resetting β to β_init.
 */
public interface StatefulOptimizer {

    /**
     * Writes the optimizer's state. The stream is flushed, not closed.
     * @param out where to write
     * @throws IOException when writing fails
     */
    void saveState(OutputStream out) throws IOException;

    /**
     * Replaces the optimizer's state with one written by {@link #saveState(OutputStream)}
     * of an optimizer of the same type, in the same process: parameter ids are kept as
     * saved.
     * @param in where to read; read to the end of the state, not closed
     * @param manager decides the engine and device the buffers are created on
     * @throws IOException when the stream is not such a state (another optimizer type, an
     * unsupported format version, truncated data); the message says what is wrong
     */
    default void loadState(InputStream in, NDManager manager) throws IOException {
        loadState(in, manager, UnaryOperator.identity());
    }

    /**
     * Replaces the optimizer's state with one written by {@link #saveState(OutputStream)}
     * of an optimizer of the same type, possibly in another process.
     *
     * <p>
     * DJL gives parameters random ids ({@code NDManager.nextUid()}) that differ from one
     * JVM to the next, so a state restored in a new process must be told which parameter
     * each saved id now belongs to, for example by mapping both through the block's
     * stable parameter names.
     * @param in where to read; read to the end of the state, not closed
     * @param manager decides the engine and device the buffers are created on
     * @param parameterIds maps a saved parameter id to the id the same parameter has now
     * @throws IOException when the stream is not such a state, or a saved id maps to
     * nothing or two saved ids map to the same id; the message says what is wrong
     */
    void loadState(InputStream in, NDManager manager, UnaryOperator<String> parameterIds) throws IOException;

}
