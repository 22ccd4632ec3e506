package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFeedsTest {

    private static final List<ModelInput> RELU_INPUTS = List.of(new ModelInput("x", ElementType.FLOAT32, new long[] {-1, 3}));

    @TempDir
    Path temp;

    private Path resource(String name) {
        return TestModels.copy("onnx/" + name, temp);
    }

    @Test
    void batchesCoverEveryRowInOrderWithAShortLastBatch() throws Exception {
        NpyFeeds feeds = NpyFeeds.open(resource("x.npy"), RELU_INPUTS);
        float[] all = NpzArrays.read(resource("x.npy")).floats("x");
        assertEquals(7, feeds.rows());
        List<long[]> shapes = new ArrayList<>();
        float[] joined = new float[0];
        for (long row = 0; row < feeds.rows(); row += feeds.batchRows(3)) {
            FeedTensor.Float32 x = (FeedTensor.Float32) feeds.batch(row, feeds.batchRows(3)).get("x");
            shapes.add(x.shape());
            int at = joined.length;
            joined = Arrays.copyOf(joined, at + x.data().length);
            System.arraycopy(x.data(), 0, joined, at, x.data().length);
        }
        assertEquals(List.of("[3, 3]", "[3, 3]", "[1, 3]"), shapes.stream().map(Arrays::toString).toList());
        assertArrayEquals(all, joined);
    }

    @Test
    void capturedReluOfTheFileIsItsPositivePart() throws Exception {
        Path model = resource("relu.onnx");
        CaptureGraph graph = CaptureGraph.read(model);
        assertEquals(List.of(new CaptureSite("act.relu", SiteKind.RELU, "y")), graph.sites());
        NpyFeeds feeds = NpyFeeds.open(resource("x.npy"), graph.inputs());
        float[] x = NpzArrays.read(resource("x.npy")).floats("x");
        CapturedValues sink = new CapturedValues();
        try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), 1)) {
            for (long row = 0; row < feeds.rows(); row += 4) {
                capture.run(feeds.batch(row, 4), sink);
            }
        }
        assertEquals(2, sink.batches.size());
        float[] relu = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            relu[i] = Math.max(x[i], 0f);
        }
        float[] captured = Arrays.copyOf(sink.batches.get(0).values(), x.length);
        System.arraycopy(sink.batches.get(1).values(), 0, captured, 12, 9);
        assertArrayEquals(relu, captured);
    }

    @Test
    void anArchiveFeedsEveryInputByName() throws Exception {
        Path model = TestModels.capture(temp);
        NpyFeeds feeds = NpyFeeds.open(resource("capture-inputs.npz"), CaptureGraph.read(model).inputs());
        NpzArrays arrays = NpzArrays.read(resource("capture-inputs.npz"));
        Map<String, FeedTensor> batch = feeds.batch(5, 4);
        assertArrayEquals(new long[] {2, 4}, batch.get("x").shape());
        assertArrayEquals(Arrays.copyOfRange(arrays.floats("x"), 20, 28), ((FeedTensor.Float32) batch.get("x")).data());
        assertArrayEquals(new float[] {-2f, 0f}, Arrays.copyOfRange(arrays.floats("mask"), 4, 6));
        assertArrayEquals(Arrays.copyOfRange(arrays.floats("mask"), 5, 7), ((FeedTensor.Float32) batch.get("mask")).data());
    }

    @Test
    void aFixedFirstDimensionSetsTheBatchAndTakesMultiplesOfIt() throws Exception {
        NpyFeeds feeds = NpyFeeds.open(resource("x.npy"), List.of(new ModelInput("x", ElementType.FLOAT32, new long[] {7, 3})));
        assertEquals(7, feeds.batchRows(2));
        Path wrong = resource("x.npy");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(wrong,
                List.of(new ModelInput("x", ElementType.FLOAT32, new long[] {2, 3}))));
        assertEquals(wrong + ": array 'x' has shape [7, 3], but the model's input 'x' wants [2, 3] (-1: any size)",
                e.getMessage());
    }

    @Test
    void wrongShapeIsOneLineWithBothShapes() {
        Path file = resource("x-wide.npy");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, RELU_INPUTS));
        assertEquals(file + ": array 'x-wide' has shape [7, 4], but the model's input 'x' wants [-1, 3] (-1: any size)",
                e.getMessage());
    }

    @Test
    void wrongDtypeIsOneLineWithBothTypes() {
        Path file = resource("x-int.npy");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, RELU_INPUTS));
        assertEquals(file + ": array 'x-int' is i64, but the model's input 'x' is float32: expected f32", e.getMessage());
    }

    @Test
    void fortranOrderIsRefused() {
        Path file = resource("x-fortran.npy");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, RELU_INPUTS));
        assertEquals(file + ": array 'x-fortran' is stored in Fortran order; save it with numpy.ascontiguousarray",
                e.getMessage());
    }

    @Test
    void oneArrayForTwoInputsIsRefused() throws Exception {
        Path file = resource("x.npy");
        List<ModelInput> inputs = CaptureGraph.read(TestModels.capture(temp)).inputs();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, inputs));
        assertEquals(file + ": the model has 2 inputs (x, mask); give an .npz with one array per input name",
                e.getMessage());
    }

    @Test
    void anArchiveWithoutAnInputsArrayIsRefused() throws Exception {
        Path file = resource("capture-inputs-partial.npz");
        List<ModelInput> inputs = CaptureGraph.read(TestModels.capture(temp)).inputs();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, inputs));
        assertEquals(file + ": no array named 'mask' for the model's input of that name; the arrays are x",
                e.getMessage());
    }

    @Test
    void aFileThatIsNoArrayIsTheReadersOneLine() {
        Path file = resource("relu.onnx");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFeeds.open(file, RELU_INPUTS));
        assertEquals(true, e.getMessage().startsWith(file + ": at byte 0: not a .npy array"), e.getMessage());
    }
}
