package dev.demon.optim;

import ai.djl.ndarray.NDArray;

/**
 * How DJL's fused optimizer operators ({@code NDArrayEx.sgdUpdate} and
 * {@code adamUpdate}) differ between its engines, which an update composed from NDArray
 * operations has to follow (DJL 0.36: {@code MxNDArrayEx} and {@code PtNDArrayEx}, the
 * latter with {@code ai_djl_pytorch_jni_PyTorchLibrary_optim.cc}):
 *
 * <ul>
 * <li>PyTorch's backward pass adds to a parameter's gradient, and its fused updates set
 * the parameter's gradient to zero afterwards ({@code JniUtils.zeroGrad}); MXNet's
 * backward pass overwrites the gradient ({@code grad_req = write}), and nothing needs
 * zeroing;
 * <li>MXNet's {@code sgd_mom_update} keeps the velocity v (v ← β·v − η·g, θ ← θ + v),
 * PyTorch's keeps s = −v (s ← β·s + η·g, θ ← θ − s);
 * <li>MXNet's fused updates clip the rescaled gradient to [−clip, clip], PyTorch's only
 * from above ({@code clamp_max}).
 * </ul>
 */
final class FusedUpdates {

    private static final String MXNET = "MXNet";

    private FusedUpdates() {
    }

    /**
     * Whether the engine of {@code array} clips to [−clip, clip] in its fused updates.
     * @param array an array of the engine
     * @return true on MXNet
     */
    static boolean clipsBothSides(NDArray array) {
        return isMxnet(array);
    }

    /**
     * Whether the engine's fused SGD update keeps −v in its momentum buffer.
     * @param array an array of the engine
     * @return true on every engine but MXNet
     */
    static boolean negatesVelocity(NDArray array) {
        return !isMxnet(array);
    }

    /**
     * Sets a gradient to zero after a composed update, on an engine whose backward pass
     * accumulates into it (as DJL's {@code PtGradientCollector.zeroGradients} does, with
     * {@code subi}); does nothing on MXNet.
     * @param grad the parameter's gradient the update read
     */
    static void clearGradient(NDArray grad) {
        if (!isMxnet(grad)) {
            grad.subi(grad);
        }
    }

    private static boolean isMxnet(NDArray array) {
        return MXNET.equals(array.getManager().getEngine().getEngineName());
    }

}
