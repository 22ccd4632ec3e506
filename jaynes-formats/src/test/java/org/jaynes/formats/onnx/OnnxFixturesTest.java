package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader against models written by the reference onnx library (tools/make_onnx_fixtures.py), whose
 * expected tensors are in onnx/fixtures.json.
 */
class OnnxFixturesTest {

    static Stream<Arguments> models() throws Exception {
        return Goldens.models("/onnx/fixtures.json");
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(OnnxFixturesTest.class.getResource("/onnx/" + name).toURI());
    }

    private static Map<String, Tensor> byName(Model model) {
        Map<String, Tensor> tensors = new HashMap<>();
        for (Tensor tensor : model.tensors()) {
            assertEquals(null, tensors.put(tensor.name(), tensor), "duplicate name " + tensor.name());
        }
        return tensors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void tensorsMatchTheReferenceLibrary(String fileName, Object entry) throws Exception {
        Map<String, Object> expected = JsonTree.object(entry);
        Path file = fixture(fileName);
        Model model = new OnnxReader().read(file);
        List<Object> tensors = JsonTree.array(expected.get("tensors"));

        assertEquals(ModelFormat.ONNX, model.format());
        assertEquals(tensors.size(), model.tensors().size(), "tensor count of " + file);
        Map<String, Tensor> actual = byName(model);
        for (Object item : tensors) {
            Map<String, Object> want = JsonTree.object(item);
            String name = (String) want.get("name");
            Tensor tensor = actual.get(name);
            assertNotNull(tensor, () -> "no tensor named " + name + " in " + file + ", only " + actual.keySet());
            assertEquals(want.get("storedName"), tensor.storedName(), name);
            assertEquals(want.get("dtype"), tensor.dtype().label(), name);
            List<Object> shape = JsonTree.array(want.get("shape"));
            assertEquals(shape.size(), tensor.shape().rank(), name);
            for (int i = 0; i < shape.size(); i++) {
                assertEquals(((Double) shape.get(i)).longValue(), tensor.shape().dim(i), name);
            }
            Goldens.assertFirstValuesAndSum(name, TensorValues.of(tensor), want);
        }
    }

    @Test
    void rawDataStaysInTheModelFile() throws Exception {
        Path file = fixture("raw_dtypes.onnx");
        Tensor tensor = byName(new OnnxReader().read(file)).get("layers.2.dense");
        FileRegion region = assertInstanceOf(FileRegion.class, tensor.data());
        assertEquals(file, region.file());
        assertEquals(DType.BF16, tensor.dtype());
        assertEquals(Role.DENSE, tensor.role());
    }

    @Test
    void packedFloatDataStaysInTheFileAndVarintsAreDecoded() throws Exception {
        Map<String, Tensor> tensors = byName(new OnnxReader().read(fixture("typed_fields.onnx")));
        assertInstanceOf(FileRegion.class, tensors.get("typed.float").data());
        assertInstanceOf(FileRegion.class, tensors.get("typed.double").data());
        assertInstanceOf(HeapBytes.class, tensors.get("typed.half").data());
        assertInstanceOf(HeapBytes.class, tensors.get("typed.int64").data());
    }

    @Test
    void externalDataIsARegionOfTheDataFile() throws Exception {
        Map<String, Tensor> tensors = byName(new OnnxReader().read(fixture("external_data.onnx")));
        FileRegion region = assertInstanceOf(FileRegion.class, tensors.get("ext.half").data());
        assertEquals(fixture("external_data.bin"), region.file());
        assertEquals(2048, region.offset());
        assertEquals(fixture("external_data.onnx"), ((FileRegion) tensors.get("ext.small.bias").data()).file());
    }

    @Test
    void anonymousWeightsTakeTheirLayersRole() throws Exception {
        Map<String, Tensor> tensors = byName(new OnnxReader().read(fixture("anonymous_names.onnx")));
        assertEquals(Role.ATTENTION_QUERY, tensors.get("encoder.layer.0.attention.self.query").role());
        assertEquals(Role.BIAS, tensors.get("encoder.layer.0.attention.self.query.B").role());
        assertEquals(Role.EMBEDDING, tensors.get("embeddings.word_embeddings").role());
        assertEquals(2, tensors.get("pooler.dense").shape().rank());
    }

    /** The binary16 decoding the fixture checks read values with, against values worked out by hand. */
    @Test
    void halfPrecisionDecoderHandlesEdgeCases() {
        assertEquals(1.0, Decoding.halfToDouble(0x3c00));
        assertEquals(-2.0, Decoding.halfToDouble(0xc000));
        assertEquals(65504.0, Decoding.halfToDouble(0x7bff));
        assertEquals(Math.scalb(1.0, -24), Decoding.halfToDouble(0x0001));
        assertEquals(Double.NEGATIVE_INFINITY, Decoding.halfToDouble(0xfc00));
        assertTrue(Double.isNaN(Decoding.halfToDouble(0x7e00)));
    }
}
