package org.jaynes.capture.onnx;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps a copy of everything it is given, for tests. */
final class CapturedValues implements CaptureSink {

    record Batch(CaptureSite site, long[] shape, float[] values) {
    }

    final List<Batch> batches = new ArrayList<>();

    @Override
    public void accept(CaptureSite site, long[] shape, FloatBuffer values) {
        float[] copy = new float[values.remaining()];
        values.get(copy);
        batches.add(new Batch(site, shape, copy));
    }

    /** The last batch of each site, by tensor name. */
    Map<String, Batch> byTensor() {
        Map<String, Batch> last = new LinkedHashMap<>();
        batches.forEach(batch -> last.put(batch.site().tensorName(), batch));
        return last;
    }
}
