package org.jaynes.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jaynes.core.analysis.Segment;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;

/**
 * The models a worker JVM has opened for its tasks: a task opens its model (its metadata only; the
 * tensors stay in the file) unless a recent task of the same model did. At most {@value #KEPT} models are
 * kept. Thread-safe.
 */
final class ExecutorModels {

    private static final int KEPT = 4;

    private static final Map<ModelLocation, Model> OPENED = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ModelLocation, Model> eldest) {
            return size() > KEPT;
        }
    };

    /** Each task thread's read buffer (direct, so a read fills it without another copy). */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(Segment.READ_BYTES));

    private ExecutorModels() {
    }

    /**
     * The {@code index}-th tensor of the model at {@code location}, as the versions of its files that the
     * location names (a model opened for other versions is opened again); called with those versions pinned.
     */
    static Tensor tensor(ModelLocation location, int index) throws IOException, ModelFormatException {
        Model model;
        synchronized (OPENED) {
            model = OPENED.get(location);
        }
        if (model == null) {
            model = ModelOpener.standard().open(location.path());
            synchronized (OPENED) {
                OPENED.put(location, model);
            }
        }
        return model.tensors().get(index);
    }

    /** This thread's read buffer. */
    static ByteBuffer scratch() {
        return SCRATCH.get();
    }
}
