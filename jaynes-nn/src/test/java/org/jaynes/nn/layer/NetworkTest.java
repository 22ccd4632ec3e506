package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final MatrixProduct PRODUCT = MatrixProduct.withThreads(1);
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @AfterAll
    static void close() {
        PRODUCT.close();
    }

    /**
     * The names {@code nn.Sequential(Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, MaxPool2d, Flatten, Linear, ReLU,
     * Linear)} gives its parameters, and their shapes.
     */
    @Test
    void aConvolutionalNetworkHasPyTorchsSequentialNames() {
        Network network = Network.cnn(MNIST, new int[] {8, 16}, new int[] {784, 32, 10}, ActivationFunction.RELU, 4,
                PRODUCT);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.7.weight",
                "layers.7.bias", "layers.9.weight", "layers.9.bias"),
                network.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {8, 1, 3, 3}, network.parameters().get(0).shape());
        assertArrayEquals(new int[] {16, 8, 3, 3}, network.parameters().get(2).shape());
        assertArrayEquals(new int[] {32, 784}, network.parameters().get(4).shape());
        assertEquals(784, network.inputSize());
        assertEquals(10, network.outputSize());
        assertEquals(List.of(Conv2d.class, Activation.class, MaxPool2d.class, Conv2d.class, Activation.class,
                MaxPool2d.class, Dense.class, Activation.class, Dense.class),
                network.layers().stream().map(Object::getClass).toList());
    }

    /** Fans as PyTorch's {@code _calculate_fan_in_and_fan_out}: in·k·k and out·k·k for a convolution. */
    @Test
    void weightedLayersListConvolutionsAndDenseLayersWithTheirFans() {
        Network network = Network.cnn(MNIST, new int[] {8, 16}, new int[] {784, 10}, ActivationFunction.RELU, 4,
                PRODUCT);
        List<WeightedLayer> weighted = network.weightedLayers();
        assertEquals(3, weighted.size());
        assertEquals(List.of(9, 72, 784), weighted.stream().map(WeightedLayer::fanIn).toList());
        assertEquals(List.of(72, 144, 10), weighted.stream().map(WeightedLayer::fanOut).toList());
        assertSame(network.parameters().get(2), weighted.get(1).weight());
        assertEquals(1, network.denseLayers().size());
        assertSame(network.denseLayers().get(0), weighted.get(2).layer());
    }

    @Test
    void aMultilayerPerceptronListsItsDenseLayersAsWeighted() {
        Network network = Network.mlp(new int[] {6, 5, 3}, ActivationFunction.TANH, 2, PRODUCT);
        assertEquals(List.of(6, 5), network.weightedLayers().stream().map(WeightedLayer::fanIn).toList());
        assertEquals(List.of(5, 3), network.weightedLayers().stream().map(WeightedLayer::fanOut).toList());
    }

    @Test
    void theBlocksHalveTheImageRoundingDown() {
        assertEquals(new ImageShape(16, 7, 7), Network.afterBlocks(MNIST, new int[] {8, 16}));
        assertEquals(new ImageShape(4, 3, 3), Network.afterBlocks(MNIST, new int[] {2, 3, 4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.afterBlocks(new ImageShape(1, 5, 5), new int[] {2, 2, 2}));
        assertEquals("the conv blocks 2,2,2 do not fit 1x5x5 images: block 2 makes 1x1 of 2x1x1, too small for the "
                + "2x2 pool", e.getMessage());
    }

    @Test
    void denseWidthsThatDoNotStartWithWhatTheBlocksLeaveAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.cnn(MNIST,
                new int[] {8, 16}, new int[] {1000, 10}, ActivationFunction.RELU, 4, PRODUCT));
        assertEquals("the dense layers 1000,10 need 1000 inputs, but the conv blocks 8,16 turn 1x28x28 images into "
                + "16x7x7 = 784 values", e.getMessage());
    }
}
