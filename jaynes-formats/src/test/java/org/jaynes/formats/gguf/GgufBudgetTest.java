package org.jaynes.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header listing more tensor infos than the metadata budget allows is refused at the info that goes
 * over: 24 bytes of file make an info, so a file of a few MB can list a million.
 */
class GgufBudgetTest {

    private static final int F32 = 0;

    @TempDir
    Path folder;

    @Test
    void moreTensorInfosThanTheBudgetAllowsAreRefusedAtTheInfoThatGoesOver() throws Exception {
        int count = 500;
        GgufBytes bytes = GgufBytes.header(3, count, 0);
        for (int i = 0; i < count; i++) {
            bytes.mark("info" + i).tensor(String.format(Locale.ROOT, "t%03d", i), F32, 0, 0);
        }
        Path file = Files.write(folder.resolve("many.gguf"), bytes.align(32).toByteArray());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> GgufHeader.read(file, new MetadataBudget(16 << 10)));
        // an info named in 4 characters costs 240 + 8 = 248 bytes: 16,384 / 248 = 66.06, so info 66 goes over
        assertEquals(file + ": at byte " + bytes.at("info66") + ": tensor t066 goes over the 16 KiB of heap "
                + "jaynes gives a model's metadata (a quarter of the JVM's heap; a larger -Xmx raises it), after 66 "
                + "entries", e.getMessage());
        assertEquals(count, GgufHeader.read(file, new MetadataBudget(count * 248L)).tensors().size());
    }
}
