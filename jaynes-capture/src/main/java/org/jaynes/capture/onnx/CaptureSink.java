package org.jaynes.capture.onnx;

import java.nio.FloatBuffer;

/** Receives the values of each capture site, batch by batch. */
@FunctionalInterface
public interface CaptureSink {

    /**
     * One site's values for one batch, row-major.
     *
     * @param site   the site
     * @param shape  the tensor's dimensions for this batch (a new array the sink may keep)
     * @param values the values; valid only during the call, so a sink streams them into its
     *               statistics and keeps no reference
     */
    void accept(CaptureSite site, long[] shape, FloatBuffer values);
}
