package org.jaynes.formats.safetensors;

import static org.jaynes.formats.safetensors.BrokenFiles.at;
import static org.jaynes.formats.safetensors.BrokenFiles.safetensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header that lists more tensors than the heap holds is refused at the tensor that goes over the
 * metadata budget; the launcher's heap gives 64 MiB, tested here with a budget of 64 KiB and a header
 * of 2,000 tensors.
 */
class HeaderBudgetTest {

    private static final int TENSORS = 2_000;
    private static final long BUDGET = 64 << 10;

    @TempDir
    Path dir;

    /** {@code TENSORS} empty f32 tensors {@code t00000, t00001...}, each of shape [0]. */
    private static String header() {
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; i < TENSORS; i++) {
            header.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "\"t%05d\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}", i));
        }
        return header.append('}').toString();
    }

    @Test
    void aHeaderOverTheBudgetIsRefusedAtTheTensorThatGoesOver() throws IOException {
        String header = header();
        Path file = safetensors(dir, header, 0);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SafetensorsHeader.read(file, new MetadataBudget(BUDGET)));
        // each tensor costs 240 + 2 * 6 (its name) + 8 (one dimension) = 260 bytes: 65,536 / 260 = 252.06,
        // so tensor 252 (the 253rd) is the first over
        assertEquals(file + ": at byte " + at(header, "\"t00252\"") + ": tensor t00252 goes over the 64 KiB of "
                + "heap jaynes gives a model's metadata (a quarter of the JVM's heap; a larger -Xmx raises it), "
                + "after 252 entries", e.getMessage());
    }

    @Test
    void theSameHeaderWithinTheBudgetIsRead() throws IOException, ModelFormatException {
        Path file = safetensors(dir, header(), 0);
        MetadataBudget budget = new MetadataBudget(TENSORS * 260L);
        assertEquals(TENSORS, SafetensorsHeader.read(file, budget).entries().size());
        assertEquals(TENSORS * 260L, budget.charged());
    }

    @Test
    void theHeapBudgetIsAQuarterOfTheHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, MetadataBudget.ofHeap().limit());
    }
}
