package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.SetAsideSite;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureGraphTest {

    @TempDir
    Path temp;

    @Test
    void findsEverySiteOfTheFixtureInGraphOrderWithItsName() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.capture(temp));
        assertEquals(List.of(
                new CaptureSite("fc1.relu", SiteKind.RELU, "h1"),
                new CaptureSite("block.fc2.tanh", SiteKind.TANH, "h2"),
                new CaptureSite("mlp.gelu", SiteKind.GELU, "g1"),
                new CaptureSite("mlp2.dense.gelu", SiteKind.GELU, "g2"),
                new CaptureSite("extra.gelu", SiteKind.GELU, "g3"),
                new CaptureSite("mlp3.gelu", SiteKind.GELU, "g4"),
                new CaptureSite("gate.sigmoid", SiteKind.SIGMOID, "gate"),
                new CaptureSite("attn.probs", SiteKind.ATTENTION_PROBABILITIES, "p"),
                new CaptureSite("classifier.softmax", SiteKind.SOFTMAX, "probs")), graph.sites());
    }

    @Test
    void attentionWrittenWithEinsumIsFoundBeforeAndAfterTheSoftmax() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.copy("onnx/einsum.onnx", temp));
        assertEquals(List.of(
                new CaptureSite("attn1.probs", SiteKind.ATTENTION_PROBABILITIES, "probs1"),
                new CaptureSite("attn2.probs", SiteKind.ATTENTION_PROBABILITIES, "probs2"),
                new CaptureSite("head.softmax", SiteKind.SOFTMAX, "y")), graph.sites());
    }

    @Test
    void sitesInsideIfAndLoopSubgraphsAreSetAsideWithTheReason() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.copy("onnx/subgraph.onnx", temp));
        assertEquals(List.of(new CaptureSite("fc.relu", SiteKind.RELU, "relu")), graph.sites());
        String inIf = "inside a subgraph of If node '/branch/If': ONNX Runtime returns only values of the main graph";
        String inLoop = "inside a subgraph of Loop node '/loop/Loop': ONNX Runtime returns only values of the main "
                + "graph";
        assertEquals(List.of(
                new SetAsideSite("branch.sigmoid", "else_out", "sigmoid", inIf), // else_branch is stored first
                new SetAsideSite("branch.tanh", "then_out", "tanh", inIf),
                new SetAsideSite("loop.relu", "state_out", "relu", inLoop)), graph.setAside());
    }

    @Test
    void aFloat16ModelHasFloat16Inputs() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.copy("onnx/fp16.onnx", temp));
        assertEquals(List.of(new ModelInput("x", ElementType.FLOAT16, new long[] {-1, 4})), graph.inputs());
        assertEquals(List.of("fc1.relu", "fc2.tanh", "head.softmax"), graph.sites().stream().map(CaptureSite::name)
                .toList());
    }

    @Test
    void listsTheInputsWithSymbolicDimensionsOpen() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.capture(temp));
        assertEquals(List.of(new ModelInput("x", ElementType.FLOAT32, new long[] {-1, 4}),
                new ModelInput("mask", ElementType.FLOAT32, new long[] {-1})), graph.inputs());
        assertEquals(Map.of(), graph.indexBounds());
    }

    @Test
    void miniLmHasSixGeluAndSixAttentionLayersAndThePoolerTanh() throws Exception {
        CaptureGraph graph = CaptureGraph.read(TestModels.miniLm(temp));
        List<String> expected = new ArrayList<>();
        for (int layer = 0; layer < 6; layer++) {
            expected.add("encoder.layer." + layer + ".attention.probs ATTENTION_PROBABILITIES");
            expected.add("encoder.layer." + layer + ".intermediate.gelu GELU");
        }
        expected.add("pooler.tanh TANH");
        assertEquals(expected, graph.sites().stream().map(s -> s.name() + " " + s.kind()).toList());
        assertEquals("/encoder/layer.0/intermediate/intermediate_act_fn/Mul_1_output_0",
                graph.sites().get(1).tensorName());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                graph.inputs().stream().map(ModelInput::name).toList());
        for (ModelInput input : graph.inputs()) {
            assertEquals(ElementType.INT64, input.type());
            assertArrayEquals(new long[] {-1, -1}, input.shape());
        }
        assertEquals(Map.of("input_ids", 30522L, "token_type_ids", 2L), graph.indexBounds());
    }

    @Test
    void externalDataModelIsReadWithoutItsWeights() throws Exception {
        TestModels.copy("onnx/capture-external.data", temp);
        CaptureGraph external = CaptureGraph.read(TestModels.copy("onnx/capture-external.onnx", temp));
        assertEquals(CaptureGraph.read(TestModels.capture(temp)), external);
    }

    @Test
    void missingFileIsOneLineWithTheFile() {
        Path missing = temp.resolve("absent.onnx");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CaptureGraph.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void garbledFileIsOneLineWithTheFileAndTheReason() {
        Path garbled = TestModels.copy("onnx/garbled.onnx", temp);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CaptureGraph.read(garbled));
        assertEquals(true, e.getMessage().startsWith(garbled + ": not an ONNX model: "), e.getMessage());
        assertEquals(false, e.getMessage().contains("\n"));
    }

    @Test
    void textFileIsNoModel() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.onnx"), "hello, this is text\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CaptureGraph.read(text));
        assertEquals(true, e.getMessage().startsWith(text + ": not an ONNX model"), e.getMessage());
    }
}
