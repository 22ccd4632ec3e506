package org.jaynes.formats.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.tflite.FlatBytes.Table;
import org.jaynes.formats.tflite.FlatBytes.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose subgraph list names one subgraph of many tensors over and over (a flatbuffer vector of
 * references may repeat one) describes a walk quadratic in the file's size; the metadata budget stops it
 * at the subgraph that goes over, here a 1 MiB budget against 4,000 references to one subgraph of 4,000
 * tensors (16 million tensor visits from a file of about 100 KB).
 */
class TfliteBudgetTest {

    private static final int SUBGRAPHS = 4_000;
    private static final int TENSORS = 4_000;

    @TempDir
    Path folder;

    @Test
    void aSubgraphListRepeatingOneSubgraphIsRefusedAtTheSubgraphThatGoesOver() throws Exception {
        List<Table> tensors = new ArrayList<>();
        for (int t = 0; t < TENSORS; t++) {
            tensors.add(TfliteBytes.tensor("t", TfliteBytes.FLOAT32, 0, 1));
        }
        Table subgraph = TfliteBytes.subgraph(tensors, List.of());
        List<Table> references = new ArrayList<>(List.of(subgraph));
        for (int s = 1; s < SUBGRAPHS; s++) {
            references.add(new Table()); // a placeholder whose reference is pointed at the subgraph below
        }
        Tables subgraphs = new Tables(references);
        Table model = new Table().i32(TfliteSchema.MODEL_VERSION, 3)
                .ref(TfliteSchema.MODEL_SUBGRAPHS, subgraphs)
                .ref(TfliteSchema.MODEL_BUFFERS, Tables.of(new Table()));
        ByteBuffer bytes = ByteBuffer.wrap(FlatBytes.write(model, TfliteSchema.IDENTIFIER)).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 1; s < SUBGRAPHS; s++) {
            int slot = subgraphs.position + 4 + 4 * s;
            bytes.putInt(slot, subgraph.position - slot);
        }
        Path file = Files.write(folder.resolve("repeated.tflite"), bytes.array());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfliteModelParser.parse(
                new FlatBuffer(file, bytes), bytes.capacity(), new MetadataBudget(1 << 20)));
        // each visit of the subgraph charges 32 bytes a tensor, 128,000 in all: 1 MiB / 128,000 = 8.2, so
        // the ninth visit, subgraph 8, goes over; every reference leads to the one subgraph's table
        assertEquals(file + ": at byte " + subgraph.position + ": subgraph 8 goes over the 1 MiB of heap jaynes "
                + "gives a model's metadata (a quarter of the JVM's heap; a larger -Xmx raises it), after 0 entries",
                e.getMessage());
    }
}
