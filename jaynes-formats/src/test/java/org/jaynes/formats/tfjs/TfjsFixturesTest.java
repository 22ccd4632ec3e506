package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelOpener;
import org.jaynes.formats.pytorch.PytorchReader;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.TensorValues;
import org.jaynes.formats.tflite.TfliteReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader against the TF.js models of tools/make_tfjs_fixtures.py, whose weights, as tfjs-core's
 * decodeWeights decodes them, are in tfjs/expected.json. Every value is checked bit for bit through a
 * CRC-32 of its bytes.
 */
class TfjsFixturesTest {

    private static final String DENSE = "StatefulPartitionedCall/model/dense/MatMul/ReadVariableOp";

    static Stream<Arguments> weights() throws Exception {
        return Goldens.tensors("/tfjs/expected.json");
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TfjsFixturesTest.class.getResource("/tfjs/" + name).toURI());
    }

    private static Tensor named(Model model, String name) {
        return model.tensors().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no weight " + name + " in " + model.path()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("weights")
    void weightsMatchTfjsDecoding(String file, String name, Object entry) throws Exception {
        Goldens.assertTensorMatches(name, named(new TfjsReader().read(fixture(file)), name), JsonTree.object(entry));
    }

    @Test
    void everyWeightButStringsIsListedInManifestOrder() throws Exception {
        for (Object entry : JsonTree.array(JsonTree.object(JsonTree.resource("/tfjs/expected.json")).get("models"))) {
            Map<String, Object> model = JsonTree.object(entry);
            Model read = new TfjsReader().read(fixture((String) model.get("file")));
            assertEquals(ModelFormat.TFJS, read.format());
            List<Object> names = JsonTree.array(model.get("tensors")).stream()
                    .map(t -> JsonTree.object(t).get("name")).toList();
            assertEquals(names, read.tensors().stream().map(Tensor::name).toList(), read.path());
        }
    }

    @Test
    void aFolderIsReadThroughItsModelJson() throws Exception {
        TfjsReader reader = new TfjsReader();
        Path folder = fixture("graph/model.json").getParent();
        assertTrue(reader.readsFolder(folder));
        assertEquals(reader.read(folder.resolve("model.json")).tensors().stream().map(Tensor::name).toList(),
                reader.read(folder).tensors().stream().map(Tensor::name).toList());
        assertFalse(reader.readsFolder(folder.getParent()));
    }

    @Test
    void weightsInOneShardStayInItAndOthersAreReadAcross() throws Exception {
        Model model = new TfjsReader().read(fixture("graph/model.json"));
        FileRegion conv = assertInstanceOf(FileRegion.class,
                named(model, "StatefulPartitionedCall/model/conv2d/Conv2D/ReadVariableOp").data());
        assertEquals(fixture("graph/group1-shard1of3.bin"), conv.file());
        assertInstanceOf(DecodedBytes.class, named(model, DENSE).data());
        Tensor half = named(model, "StatefulPartitionedCall/model/conv2d_1/Conv2D/ReadVariableOp");
        assertInstanceOf(FileRegion.class, half.data());
        assertEquals(DType.F16, half.dtype());
        assertEquals(Role.CONVOLUTION, half.role());
        assertEquals(Role.DENSE, named(model, DENSE).role());
    }

    /** TfjsReader comes before PytorchReader in the opener, whose readsFolder takes any folder with a .bin. */
    @Test
    void theOpenerFindsModelsByContent() throws Exception {
        ModelOpener opener = new ModelOpener(List.of(new TfliteReader(), new TfjsReader(), new PytorchReader()));
        assertEquals(ModelFormat.TFJS, opener.open(fixture("graph/model.json").getParent()).format());
        assertEquals(ModelFormat.TFJS, opener.open(fixture("layers/model.json")).format());
        Path tflite = Path.of(TfjsFixturesTest.class.getResource("/tflite/float32.tflite").toURI());
        assertEquals(ModelFormat.TFLITE, opener.open(tflite).format());
    }

    @Test
    void recognizesJsonWithAManifest() throws Exception {
        TfjsReader reader = new TfjsReader();
        ByteBuffer head = ByteBuffer.wrap("{\n \"format\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(reader.recognizes(fixture("layers/model.json"), head));
        assertFalse(reader.recognizes(fixture("expected.json"), head), "JSON without a weightsManifest");
        assertFalse(reader.recognizes(fixture("graph/group1-shard1of3.bin"), head));
    }

    /** Weights read across shards or decoded give the same bytes whatever windows they are read in. */
    @Test
    void anyWindowIsTheSliceOfTheWhole() throws Exception {
        for (Tensor tensor : new TfjsReader().read(fixture("graph/model.json")).tensors()) {
            TensorValues.assertWindowsAreSlices(tensor, 11, 37);
        }
    }
}
