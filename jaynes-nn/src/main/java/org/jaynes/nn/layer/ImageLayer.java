package org.jaynes.nn.layer;

import org.jaynes.nn.tensor.ImageShape;

/**
 * A layer from images to images, each row one NCHW example (see {@link ImageShape}): its row sizes are
 * those of its two shapes.
 */
public sealed interface ImageLayer extends Layer permits Conv2d, MaxPool2d {

    ImageShape inputShape();

    ImageShape outputShape();

    @Override
    default int inputSize() {
        return inputShape().size();
    }

    @Override
    default int outputSize() {
        return outputShape().size();
    }
}
