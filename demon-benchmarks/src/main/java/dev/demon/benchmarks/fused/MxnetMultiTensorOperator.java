package dev.demon.benchmarks.fused;

import java.nio.IntBuffer;
import java.util.List;
import java.util.Map;

import ai.djl.engine.EngineException;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.ndarray.NDArray;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Calls one of MXNet's multi-tensor operators ({@code multi_sgd_mom_update} and
 * relatives) so that it writes its N outputs in place, into arrays the caller owns.
 *
 * <p>
 * DJL's engine-agnostic route,
 * {@code NDManager.invoke(String, NDArray[], NDArray[], PairList)}, cannot do that in DJL
 * 0.36: its MXNet binding ({@code JnaUtils.imperativeInvoke}) always tells
 * {@code MXImperativeInvokeEx} that one output array is supplied, and MXNet rejects a
 * multi-tensor call with "Operator expects N (all) or N (visible only) outputs, but got 1
 * instead"; letting MXNet allocate the outputs instead would need one more copy per
 * parameter, which is what fusing is meant to save. So this class binds the two C
 * functions it needs itself (MXNet C API, {@code include/mxnet/c_api.h}:
 * {@code NNGetOpHandle}, {@code MXImperativeInvokeEx}) on the native library DJL already
 * loaded, and passes the array handles DJL holds.
 *
 * <p>
 * MXNet only; the arrays must be {@link MxNDArray}s on one device.
 */
public final class MxnetMultiTensorOperator {

    /** The slice of MXNet's C API used here. */
    interface CApi extends Library {

        int NNGetOpHandle(String opName, PointerByReference op);

        int MXImperativeInvokeEx(Pointer op, int numInputs, Pointer[] inputs, IntBuffer numOutputs,
                PointerByReference outputs, int numParams, String[] keys, String[] values,
                PointerByReference outputStorageTypes);

        String MXGetLastError();

    }

    private static final class Holder {

        // Same shared object as DJL's binding: dlopen hands out the handle already
        // loaded.
        static final CApi LIBRARY = Native.load(LibUtils.getLibName(), CApi.class);

    }

    private final String name;

    private final Pointer handle;

    private MxnetMultiTensorOperator(String name, Pointer handle) {
        this.name = name;
        this.handle = handle;
    }

    /**
     * Looks an operator up by its registered name.
     * @param name for example {@code multi_sgd_mom_update}
     * @return the operator
     * @throws EngineException when MXNet has no such operator
     */
    public static MxnetMultiTensorOperator named(String name) {
        PointerByReference op = new PointerByReference();
        check(Holder.LIBRARY.NNGetOpHandle(name, op), "look up " + name);
        if (op.getValue() == null) {
            throw new EngineException("MXNet has no operator " + name);
        }
        return new MxnetMultiTensorOperator(name, op.getValue());
    }

    /**
     * Runs the operator: reads {@code inputs}, writes its outputs into {@code outputs}
     * and mutates whatever inputs the operator declares mutable (the momentum buffers of
     * the SGD operators). Like every MXNet call it is asynchronous: the engine orders
     * later reads after it.
     * @param inputs the operator's NDArray inputs, in its documented order
     * @param outputs where its outputs go, as many as it produces
     * @param parameters its other arguments, by MXNet name, already formatted (tuples as
     * "(a, b)")
     * @throws EngineException with MXNet's message when the call fails
     */
    public void invoke(List<NDArray> inputs, List<NDArray> outputs, Map<String, String> parameters) {
        Pointer[] in = handles(inputs);
        Memory out = new Memory((long) Native.POINTER_SIZE * outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            out.setPointer((long) i * Native.POINTER_SIZE, ((MxNDArray) outputs.get(i)).getHandle());
        }
        IntBuffer outputCount = IntBuffer.allocate(1).put(0, outputs.size());
        String[] keys = parameters.keySet().toArray(String[]::new);
        String[] values = parameters.values().toArray(String[]::new);
        check(Holder.LIBRARY.MXImperativeInvokeEx(handle, in.length, in, outputCount, new PointerByReference(out),
                keys.length, keys, values, new PointerByReference()), "run " + name);
    }

    private static Pointer[] handles(List<NDArray> arrays) {
        Pointer[] pointers = new Pointer[arrays.size()];
        for (int i = 0; i < pointers.length; i++) {
            pointers[i] = ((MxNDArray) arrays.get(i)).getHandle();
        }
        return pointers;
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new EngineException("MXNet failed to " + what + ": " + Holder.LIBRARY.MXGetLastError());
        }
    }

    @Override
    public String toString() {
        return name;
    }

}
