package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A site feeding from a named weight takes the weight's layer exactly as the ONNX reader names it. */
class SiteNamesTest {

    @ParameterizedTest
    @CsvSource({"fc1.weight, fc1.relu",
            "fc1.weight_quantized, fc1.relu",
            "onnx::MatMul_7, dense.relu"})
    void aSiteIsNamedAfterItsFeedingWeightAsTheReaderNamesIt(String weight, String site) {
        NodeProto matMul = NodeProto.newBuilder().setName("/dense/MatMul").setOpType("MatMul")
                .addInput("x").addInput(weight).addOutput("h").build();
        NodeProto relu = NodeProto.newBuilder().setName("Relu_0").setOpType("Relu").addInput("h").addOutput("y").build();
        GraphProto graph = GraphProto.newBuilder().addNode(matMul).addNode(relu)
                .addInitializer(TensorProto.newBuilder().setName(weight).setDataType(1).addDims(2).addDims(2)).build();
        assertEquals(site, new SiteNames(new GraphIndex(graph)).name(relu, "h", SiteKind.RELU));
    }
}
