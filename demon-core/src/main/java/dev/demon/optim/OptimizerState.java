package dev.demon.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link ScheduledMomentumOptimizer} must carry over a save and load: the
 * counters and the per-parameter buffers, and their stream format.
 *
 * <p>
 * Format (big-endian, {@link DataOutputStream}), version {@value #FORMAT_VERSION}:
 *
 * <pre>
 *   UTF   magic "dev.demon.optim.state"
 *   int   format version
 *   UTF   optimizer type, e.g. "DemonSgd"
 *   int   number of buffers per parameter, then their names (UTF)
 *   int   update number last given to the learning-rate tracker
 *   float current momentum, float current learning rate
 *   int   n, then n × (UTF parameter id, int update count)        tracker numbering
 *   int   m, then m × (UTF parameter id, long updates t,
 *                      buffers × (int length, NDArray.encode() bytes))
 * </pre>
 *
 * Entries are sorted by parameter id, so equal states give equal bytes.
 */
final class OptimizerState {

    static final String MAGIC = "dev.demon.optim.state";
    static final int FORMAT_VERSION = 1;

    /**
     * The magic as {@link DataOutputStream#writeUTF} writes it: 2-byte length, then
     * ASCII.
     */
    private static final byte[] MAGIC_BYTES = utf(MAGIC);

    private final String type;

    private final String[] bufferNames;

    private final Map<String, Integer> updateCounts = new ConcurrentHashMap<>();

    private final Map<String, Map<Device, Slot>> slots = new ConcurrentHashMap<>();

    private int updateNumber;

    OptimizerState(String type, String... bufferNames) {
        this.type = type;
        this.bufferNames = bufferNames.clone();
    }

    /**
     * Counts an update of {@code parameterId} and returns the number DJL's {@code
     * Optimizer.updateCount} would return: the maximum over all parameters of their
     * update counts, each starting at {@code beginNumUpdate + 1}.
     */
    synchronized int nextUpdateNumber(String parameterId, int beginNumUpdate) {
        int count = updateCounts.merge(parameterId, beginNumUpdate + 1, (old, first) -> old + 1);
        updateNumber = Math.max(updateNumber, count);
        return updateNumber;
    }

    synchronized int updateNumber() {
        return updateNumber;
    }

    /**
     * The slot of a parameter on {@code weight}'s device: zero buffers on its first
     * update, a copy of another device's slot when the parameter was seen (or restored)
     * on another device.
     */
    Slot slot(String parameterId, NDArray weight) {
        Map<Device, Slot> byDevice = slots.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>());
        Device device = weight.getDevice();
        Slot slot = byDevice.computeIfAbsent(device,
                d -> byDevice.isEmpty() ? new Slot(0, zeros(weight)) : byDevice.values().iterator().next().copyTo(d));
        slot.checkShape(parameterId, weight);
        return slot;
    }

    private NDArray[] zeros(NDArray weight) {
        NDArray[] buffers = new NDArray[bufferNames.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = keep(weight.zerosLike());
        }
        return buffers;
    }

    /**
     * Takes a buffer out of every manager and scope: it lives as long as the optimizer,
     * like the state of DJL's own optimizers ({@code Optimizer.withDefaultState} detaches
     * it too).
     */
    private static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        array.detach();
        return array;
    }

    synchronized void write(OutputStream stream, float currentMomentum, float currentLearningRate) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        out.write(MAGIC_BYTES);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(type);
        out.writeInt(bufferNames.length);
        for (String name : bufferNames) {
            out.writeUTF(name);
        }
        out.writeInt(updateNumber);
        out.writeFloat(currentMomentum);
        out.writeFloat(currentLearningRate);
        Map<String, Integer> counts = new TreeMap<>(updateCounts);
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue());
        }
        Map<String, Map<Device, Slot>> sorted = new TreeMap<>(slots);
        sorted.values().removeIf(Map::isEmpty);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Map<Device, Slot>> entry : sorted.entrySet()) {
            // Every device's copy holds the same values (same gradients, same t): save
            // one.
            Slot slot = entry.getValue().values().iterator().next();
            out.writeUTF(entry.getKey());
            out.writeLong(slot.updates);
            for (NDArray buffer : slot.buffers) {
                byte[] bytes = buffer.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        out.flush();
    }

    /**
     * Replaces this state with the one in {@code stream}.
     * @return current momentum and current learning rate, in this order
     */
    synchronized float[] read(InputStream stream, NDManager manager, UnaryOperator<String> ids) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            return readChecked(in, manager, ids);
        }
        catch (EOFException e) {
            throw new IOException(type + " state is truncated", e);
        }
    }

    private float[] readChecked(DataInputStream in, NDManager manager, UnaryOperator<String> ids) throws IOException {
        byte[] header = in.readNBytes(MAGIC_BYTES.length);
        if (!Arrays.equals(header, MAGIC_BYTES)) {
            throw new IOException("not an optimizer state written by dev.demon.optim: bad header");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "optimizer state format version " + version + " is not supported, expected " + FORMAT_VERSION);
        }
        String savedType = in.readUTF();
        if (!type.equals(savedType)) {
            throw new IOException("optimizer state was written by " + savedType + ", cannot load it into " + type);
        }
        int bufferCount = in.readInt();
        String[] savedBuffers = new String[Math.max(0, Math.min(bufferCount, 64))];
        for (int i = 0; i < savedBuffers.length; i++) {
            savedBuffers[i] = in.readUTF();
        }
        if (bufferCount != savedBuffers.length || !Arrays.equals(savedBuffers, bufferNames)) {
            throw new IOException(type + " state has buffers " + Arrays.toString(savedBuffers) + ", expected "
                    + Arrays.toString(bufferNames));
        }
        int savedUpdateNumber = in.readInt();
        float currentMomentum = in.readFloat();
        float currentLearningRate = in.readFloat();

        Map<String, Integer> counts = new HashMap<>();
        int countEntries = checkedSize(in.readInt(), "update counts");
        for (int i = 0; i < countEntries; i++) {
            String id = mapped(ids, in.readUTF());
            if (counts.put(id, in.readInt()) != null) {
                throw new IOException("two saved parameters map to the same parameter id " + id);
            }
        }
        Map<String, Slot> restored = new HashMap<>();
        try {
            int slotEntries = checkedSize(in.readInt(), "parameter buffers");
            for (int i = 0; i < slotEntries; i++) {
                String savedId = in.readUTF();
                String id = mapped(ids, savedId);
                long updates = in.readLong();
                NDArray[] buffers = new NDArray[bufferNames.length];
                for (int b = 0; b < buffers.length; b++) {
                    byte[] bytes = new byte[checkedSize(in.readInt(), "buffer of " + savedId)];
                    in.readFully(bytes);
                    buffers[b] = keep(NDArray.decode(manager, bytes));
                }
                if (restored.put(id, new Slot(updates, buffers)) != null) {
                    throw new IOException("two saved parameters map to the same parameter id " + id);
                }
            }
        }
        catch (IOException | RuntimeException e) {
            restored.values().forEach(Slot::close);
            throw e;
        }

        close();
        restored.forEach((id, slot) -> {
            Map<Device, Slot> byDevice = new ConcurrentHashMap<>();
            byDevice.put(slot.buffers[0].getDevice(), slot);
            slots.put(id, byDevice);
        });
        updateCounts.clear();
        updateCounts.putAll(counts);
        updateNumber = savedUpdateNumber;
        return new float[] { currentMomentum, currentLearningRate };
    }

    /** Releases every buffer; the state is empty afterwards. */
    synchronized void close() {
        slots.values().forEach(byDevice -> byDevice.values().forEach(Slot::close));
        slots.clear();
    }

    /**
     * The number of buffers held and not yet released, over all parameters and devices.
     */
    synchronized long liveBuffers() {
        return slots.values()
            .stream()
            .flatMap(byDevice -> byDevice.values().stream())
            .flatMap(slot -> Arrays.stream(slot.buffers))
            .filter(buffer -> !buffer.isReleased())
            .count();
    }

    private static byte[] utf(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(text);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String mapped(UnaryOperator<String> ids, String savedId) throws IOException {
        String id = ids.apply(savedId);
        if (id == null) {
            throw new IOException("saved parameter id " + savedId + " maps to no parameter");
        }
        return id;
    }

    private static int checkedSize(int size, String what) throws IOException {
        if (size < 0) {
            throw new IOException("optimizer state is corrupt: negative size " + size + " of " + what);
        }
        return size;
    }

    /** One parameter's buffers on one device, and t, the updates it has received. */
    static final class Slot {

        private long updates;

        private final NDArray[] buffers;

        private boolean shapeChecked;

        Slot(long updates, NDArray[] buffers) {
            this.updates = updates;
            this.buffers = buffers;
        }

        long updates() {
            return updates;
        }

        NDArray[] buffers() {
            return buffers;
        }

        void advance() {
            updates++;
        }

        Slot copyTo(Device device) {
            NDArray[] copies = new NDArray[buffers.length];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = keep(buffers[i].toDevice(device, true));
            }
            return new Slot(updates, copies);
        }

        void checkShape(String parameterId, NDArray weight) {
            if (shapeChecked) {
                return;
            }
            for (NDArray buffer : buffers) {
                if (!buffer.getShape().equals(weight.getShape()) || buffer.getDataType() != weight.getDataType()) {
                    throw new IllegalStateException("optimizer state of parameter " + parameterId + " has "
                            + buffer.getDataType() + buffer.getShape() + " but the parameter is " + weight.getDataType()
                            + weight.getShape());
                }
            }
            shapeChecked = true;
        }

        void close() {
            for (NDArray buffer : buffers) {
                buffer.close();
            }
        }

    }

}
