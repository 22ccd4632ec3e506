package org.jaynes.formats.tflite;

import java.util.Arrays;
import org.jaynes.core.tensor.Role;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * What the operators of a subgraph tell of the roles of their constant inputs: the filter of a
 * convolution, the weights of a fully connected layer or matrix product, an embedding table, a bias.
 * fp16 and sparse models put a DEQUANTIZE or DENSIFY between a constant and the operator that uses it;
 * the role is traced back through them to the constant. The first operator to give a tensor a role wins.
 */
final class TfliteOperatorRoles {

    static final String BAD_OPCODE = "operator %d of subgraph %d has opcode_index %d, but the model has %d operator "
            + "codes";
    static final String BAD_TENSOR = "operator %d of subgraph %d: %s %d is tensor %d, but the subgraph has %d tensors";

    /** How many DEQUANTIZE or DENSIFY steps are followed back from an operator's input. */
    private static final int MAX_CHAIN = 8;

    private TfliteOperatorRoles() {
    }

    /** The builtin code of each operator code: the larger of the deprecated byte field and the int field. */
    static int[] builtinCodes(FlatTable model) throws ModelFormatException {
        FlatVector codes = model.vector(TfliteSchema.MODEL_OPERATOR_CODES, 4, "operator_codes");
        int[] builtin = new int[codes.length()];
        for (int i = 0; i < builtin.length; i++) {
            FlatTable code = codes.table(i, model.what() + " operator code " + i);
            builtin[i] = Math.max(code.i8(TfliteSchema.OPERATOR_CODE_DEPRECATED_BUILTIN, 0),
                    code.i32(TfliteSchema.OPERATOR_CODE_BUILTIN, 0));
        }
        return builtin;
    }

    /**
     * The role each tensor of a subgraph has by the operators that read it; null where they say nothing.
     *
     * @param subgraph    the SubGraph table
     * @param s           its index, for messages
     * @param tensorCount its number of tensors
     * @param builtin     the builtin code of each operator code
     * @param budget      charged for the arrays of the operators' inputs and outputs before they are read,
     *                    as many operators may name one table of a long input list
     */
    static Role[] of(FlatTable subgraph, int s, int tensorCount, int[] builtin, MetadataBudget budget)
            throws ModelFormatException {
        FlatVector operators = subgraph.vector(TfliteSchema.SUBGRAPH_OPERATORS, 4, "operators");
        budget.charge(subgraph.file(), subgraph.position(), (long) Integer.BYTES * operators.length(),
                "subgraph", String.valueOf(s));
        int[] source = new int[tensorCount];
        Arrays.fill(source, -1);
        int[][] inputs = new int[operators.length()][];
        int[] codes = new int[operators.length()];
        for (int o = 0; o < operators.length(); o++) {
            FlatTable operator = operators.table(o, "operator " + o + " of subgraph " + s);
            long opcode = operator.u32(TfliteSchema.OPERATOR_OPCODE_INDEX, 0);
            if (opcode >= builtin.length) {
                throw operator.error(BAD_OPCODE, o, s, opcode, builtin.length);
            }
            codes[o] = builtin[(int) opcode];
            budget.charge(subgraph.file(), operator.position(), (long) Integer.BYTES
                    * (operator.vector(TfliteSchema.OPERATOR_INPUTS, 4, "inputs").length()
                    + operator.vector(TfliteSchema.OPERATOR_OUTPUTS, 4, "outputs").length()), "operator",
                    String.valueOf(o));
            inputs[o] = tensors(operator, TfliteSchema.OPERATOR_INPUTS, "input", o, s, tensorCount);
            int[] outputs = tensors(operator, TfliteSchema.OPERATOR_OUTPUTS, "output", o, s, tensorCount);
            boolean passThrough = codes[o] == TfliteSchema.OP_DEQUANTIZE || codes[o] == TfliteSchema.OP_DENSIFY;
            if (passThrough && inputs[o].length > 0 && inputs[o][0] >= 0 && outputs.length > 0 && outputs[0] >= 0) {
                source[outputs[0]] = inputs[o][0];
            }
        }
        Role[] roles = new Role[tensorCount];
        for (int o = 0; o < inputs.length; o++) {
            switch (codes[o]) {
                case TfliteSchema.OP_CONV_2D, TfliteSchema.OP_DEPTHWISE_CONV_2D, TfliteSchema.OP_CONV_3D -> {
                    assign(roles, source, inputs[o], 1, Role.CONVOLUTION);
                    assign(roles, source, inputs[o], 2, Role.BIAS);
                }
                case TfliteSchema.OP_TRANSPOSE_CONV, TfliteSchema.OP_CONV_3D_TRANSPOSE -> {
                    assign(roles, source, inputs[o], 1, Role.CONVOLUTION);
                    assign(roles, source, inputs[o], 3, Role.BIAS);
                }
                case TfliteSchema.OP_FULLY_CONNECTED -> {
                    assign(roles, source, inputs[o], 1, Role.DENSE);
                    assign(roles, source, inputs[o], 2, Role.BIAS);
                }
                case TfliteSchema.OP_BATCH_MATMUL -> assign(roles, source, inputs[o], 1, Role.DENSE);
                case TfliteSchema.OP_EMBEDDING_LOOKUP -> assign(roles, source, inputs[o], 1, Role.EMBEDDING);
                default -> {
                    // other operators tell nothing of their inputs' roles
                }
            }
        }
        return roles;
    }

    private static int[] tensors(FlatTable operator, int field, String kind, int o, int s, int tensorCount)
            throws ModelFormatException {
        int[] indices = operator.vector(field, 4, kind + "s").ints();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < -1 || indices[i] >= tensorCount) {
                throw operator.error(BAD_TENSOR, o, s, kind, i, indices[i], tensorCount);
            }
        }
        return indices;
    }

    private static void assign(Role[] roles, int[] source, int[] inputs, int position, Role role) {
        if (position >= inputs.length || inputs[position] < 0) {
            return;
        }
        int tensor = inputs[position];
        for (int step = 0; step < MAX_CHAIN && source[tensor] >= 0; step++) {
            tensor = source[tensor];
        }
        if (roles[tensor] == null) {
            roles[tensor] = role;
        }
    }
}
