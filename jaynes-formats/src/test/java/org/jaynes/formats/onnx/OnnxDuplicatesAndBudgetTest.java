package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph that defines one tensor name twice (two initializers, or an initializer and a Constant) is
 * refused at the second; sibling subgraphs (the branches of an If) may reuse a name. A graph of more
 * nodes than the metadata budget allows is refused at the node that goes over, and a tensor of more
 * than 64 dims at the 65th.
 */
class OnnxDuplicatesAndBudgetTest {

    private static final int FLOAT = 1;

    @TempDir
    Path folder;

    /** An f32 TensorProto of two values in raw_data, marked {@code mark} where its message starts. */
    private static ProtoBytes tensor(String mark, String name) {
        return new ProtoBytes().mark(mark).varint(1, 2).varint(2, FLOAT).string(8, name).bytes(9, new byte[8]);
    }

    /** A Constant node whose value is {@code value} and whose output is {@code output}. */
    private static ProtoBytes constant(String output, ProtoBytes value) {
        ProtoBytes attribute = new ProtoBytes().string(1, "value").message(5, value);
        return new ProtoBytes().string(2, output).string(4, "Constant").message(5, attribute);
    }

    private Path write(ProtoBytes model) throws Exception {
        return Files.write(folder.resolve("model.onnx"), model.toByteArray());
    }

    @Test
    void twoInitializersOfOneNameAreRefusedAtTheSecond() throws Exception {
        ProtoBytes model = ProtoBytes.model(ProtoBytes.graphOf(tensor("first", "w"), tensor("second", "w")));
        BadInput.assertRefused(new OnnxReader(), folder.resolve("model.onnx"), model.toByteArray(),
                model.offset("second"), "tensor w is defined twice in one graph (first at byte "
                        + model.offset("first") + "); ONNX names each value once");
    }

    @Test
    void aConstantNamedAsAnInitializerIsRefused() throws Exception {
        ProtoBytes graph = new ProtoBytes().string(2, "g").message(1, constant("w", tensor("value", "")))
                .message(5, tensor("initializer", "w"));
        ProtoBytes model = ProtoBytes.model(graph);
        BadInput.assertRefused(new OnnxReader(), folder.resolve("model.onnx"), model.toByteArray(),
                model.offset("initializer"), "tensor w is defined twice in one graph (first at byte "
                        + model.offset("value") + "); ONNX names each value once");
    }

    @Test
    void theBranchesOfAnIfMayReuseANameInsideThem() throws Exception {
        ProtoBytes then = ProtoBytes.graphOf(tensor("a", "branch_w"));
        ProtoBytes otherwise = ProtoBytes.graphOf(tensor("b", "branch_w"));
        ProtoBytes node = new ProtoBytes().string(1, "cond").string(4, "If")
                .message(5, new ProtoBytes().string(1, "then_branch").message(6, then))
                .message(5, new ProtoBytes().string(1, "else_branch").message(6, otherwise));
        ProtoBytes graph = new ProtoBytes().string(2, "g").message(1, node);
        List<Tensor> tensors = new OnnxReader().read(write(ProtoBytes.model(graph))).tensors();
        assertEquals(List.of("branch_w", "branch_w"), tensors.stream().map(Tensor::storedName).toList());
    }

    @Test
    void moreNodesThanTheBudgetAllowsAreRefusedAtTheNodeThatGoesOver() throws Exception {
        ProtoBytes graph = new ProtoBytes().string(2, "g");
        for (int i = 0; i < 1_000; i++) {
            graph.mark("node" + i).message(1, new ProtoBytes().string(3, String.format("n%03d", i)));
        }
        ProtoBytes model = ProtoBytes.model(graph);
        Path file = write(model);
        ProtoScanner scanner = ProtoScanner.of(file, ByteBuffer.wrap(model.toByteArray()), OnnxSchema.MODEL);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxGraphParser.parseModel(scanner, new MetadataBudget(16 << 10)));
        // a node named in 4 characters costs 240 + 8 = 248 bytes: 16,384 / 248 = 66.06, so node 66 goes over;
        // the offset is its NodeProto's first byte, after the graph's tag and length (2 bytes)
        assertEquals(model.offset("node66") + 2, e.offset());
        assertEquals("node n066 goes over the 16 KiB of heap jaynes gives a model's metadata (a quarter of the "
                + "JVM's heap; a larger -Xmx raises it), after 66 entries", e.reason());
    }

    @Test
    void aTensorOfMoreThan64DimsIsRefusedAtThe65th() throws Exception {
        ProtoBytes tensor = new ProtoBytes().varint(2, FLOAT).string(8, "w");
        for (int i = 0; i < 64; i++) {
            tensor.varint(1, 1);
        }
        tensor.mark("dim64").varint(1, 1);
        ProtoBytes model = ProtoBytes.model(ProtoBytes.graphOf(tensor));
        BadInput.assertRefused(new OnnxReader(), folder.resolve("model.onnx"), model.toByteArray(),
                model.offset("dim64"), "TensorProto has more than 64 dims");
    }
}
