package dev.demon.spring.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import dev.demon.optim.StatefulOptimizer;

/**
 * One checkpoint: the run's state, the model parameters as DJL's
 * {@code Block.saveParameters} writes them, and the optimizer state as
 * {@code StatefulOptimizer.saveState} writes it.
 *
 * @param state epoch, update count, history and parameter ids
 * @param parameters the block's parameters
 * @param optimizerState every optimizer buffer and counter
 */
public record Checkpoint(TrainingState state, byte[] parameters, byte[] optimizerState) {

    /**
     * Takes a checkpoint of a block and its optimizer.
     * @param state where the run stands; its parameter ids must be
     * {@link #parameterIds(Block)}
     * @param block the model's block
     * @param optimizer the optimizer training it
     * @return the checkpoint
     * @throws IOException when the block or optimizer cannot be serialised
     */
    public static Checkpoint of(TrainingState state, Block block, StatefulOptimizer optimizer) throws IOException {
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(parameters)) {
            block.saveParameters(out);
        }
        ByteArrayOutputStream optimizerState = new ByteArrayOutputStream();
        optimizer.saveState(optimizerState);
        return new Checkpoint(state, parameters.toByteArray(), optimizerState.toByteArray());
    }

    /**
     * The block's stable parameter names mapped to the ids DJL gave the parameters in
     * this process.
     * @param block an initialised block
     * @return name to id, in the block's order
     */
    public static Map<String, String> parameterIds(Block block) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            ids.put(parameter.getKey(), parameter.getValue().getId());
        }
        return ids;
    }

    /**
     * Loads the checkpoint's parameters into a block. With MXNet this must happen before
     * a trainer exists, since its parameter server copies the values it is given.
     * @param block an initialised block of the same structure
     * @param manager the model's manager
     * @throws IOException when the parameters cannot be read
     * @throws MalformedModelException when they do not fit the block
     */
    public void restoreParameters(Block block, NDManager manager) throws IOException, MalformedModelException {
        block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
    }

    /**
     * Loads the checkpoint's optimizer state, mapping the parameter ids of the process
     * that wrote it onto {@code block}'s ids in this one through the stable parameter
     * names.
     * @param optimizer the optimizer to restore
     * @param manager the manager its buffers are created in
     * @param block the block being trained
     * @throws IOException when the state cannot be read
     */
    public void restoreOptimizer(StatefulOptimizer optimizer, NDManager manager, Block block) throws IOException {
        Map<String, String> currentIds = parameterIds(block);
        Map<String, String> savedIdToName = new HashMap<>();
        state.parameterIds().forEach((name, id) -> savedIdToName.put(id, name));
        optimizer.loadState(new ByteArrayInputStream(optimizerState), manager,
                savedId -> currentIds.get(savedIdToName.get(savedId)));
    }
}
