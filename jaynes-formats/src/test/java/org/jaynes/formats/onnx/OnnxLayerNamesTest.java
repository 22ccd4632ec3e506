package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnnxLayerNamesTest {

    private static OnnxTensorSource source(String stored, boolean constant, String node, String op, int slot) {
        OnnxTensorProto tensor = new OnnxTensorProto(stored, 0, Shape.of(2, 2), 1, Optional.empty(), 0, List.of(),
                false, List.of());
        Optional<OnnxTensorSource.Consumer> consumer = op == null
                ? Optional.empty()
                : Optional.of(new OnnxTensorSource.Consumer(node, op, slot));
        return new OnnxTensorSource(tensor, constant, consumer);
    }

    @ParameterizedTest
    @CsvSource({"onnx::MatMul_885, /encoder/layer.0/attention/self/query/MatMul, encoder.layer.0.attention.self.query",
            "onnx::MatMul_885, MatMul_3, onnx::MatMul_885",
            "embeddings.word_embeddings.weight, /embeddings/word_embeddings/Gather, embeddings.word_embeddings",
            "pooler.dense.bias, /pooler/dense/Gemm, pooler.dense.bias",
            "/Constant_1_output_0, /Unsqueeze, Constant_1_output_0",
            "'', '', unnamed",
            ".weight, '', .weight"})
    void baseName(String stored, String node, String expected) {
        assertEquals(expected, OnnxLayerNames.base(source(stored, false, node, "MatMul", 1)));
    }

    @Test
    void collisionsTakeTheInputSlotThenACounter() {
        List<String> names = OnnxLayerNames.assign(List.of(
                source("onnx::Gemm_1", false, "/fc/Gemm", "Gemm", 1),
                source("onnx::Gemm_2", false, "/fc/Gemm", "Gemm", 2),
                source("onnx::Custom_3", false, "/fc/Custom", "Custom", 4),
                source("onnx::Gemm_4", false, "/fc/Gemm", "Gemm", 2),
                source("fc", false, null, null, 0)));
        assertEquals(List.of("fc", "fc.C", "fc.input4", "fc.C.1", "fc.1"), names);
    }

    @Test
    void initializersChooseBeforeConstants() {
        List<String> names = OnnxLayerNames.assign(List.of(
                source("/q/Constant_output_0", true, "/q/Mul", "Mul", 1),
                source("onnx::MatMul_1", false, "/q/MatMul", "MatMul", 1)));
        assertEquals(List.of("q.B", "q"), names);
    }
}
