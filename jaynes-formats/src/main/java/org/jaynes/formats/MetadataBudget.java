package org.jaynes.formats;

import java.nio.file.Path;

/**
 * The heap a model file's metadata may take while a reader holds it: the entries a header, manifest or
 * graph lists (tensors, weights, nodes, initializers) with their names, each charged as the reader makes
 * it. A file inside its format's own size limits can still list more entries than the heap holds (a
 * 95 MB safetensors header of 1.5M tensors, an 83 MB TF.js model.json of 1.5M weights); with a budget it
 * is refused in one line, at the byte of the entry that goes over, instead of exhausting the heap.
 *
 * <p>The limit is a quarter of the JVM's maximum heap ({@link #ofHeap}; 64 MiB under the launcher's
 * {@code -Xmx256m}), leaving the rest to the parser's own buffers and to the analysis. Costs are estimates
 * of the heap an entry keeps from being read until the analysis has passed it: {@link #ENTRY_BYTES} for
 * its objects (the parsed entry, its shape, the tensor, its byte source, the parser's symbol table, the
 * report's row) and two bytes per character of each name kept (the stored name and the layer name). A
 * safetensors header of tensors with 40-character names measured 274 bytes a tensor retained after
 * parsing, more while parsing; charged 320 bytes each, the launcher's heap admits about 200,000 such
 * tensors in a model, far more than any published model has.
 *
 * <p>Not thread-safe: one budget per read.
 */
public final class MetadataBudget {

    /** Estimated heap an entry keeps beyond its names, in bytes. */
    public static final long ENTRY_BYTES = 240;

    /** The share of the maximum heap a model's metadata may take: one part in this many. */
    static final int HEAP_SHARE = 4;

    /** The reason for an entry that goes over the budget. */
    static final String OVER = "%s goes over the %s of heap jaynes gives a model's metadata (a quarter of the "
            + "JVM's heap; a larger -Xmx raises it), after %d entries";

    private final long limit;
    private long charged;
    private long entries;

    /** A budget of {@code limitBytes} bytes. */
    public MetadataBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative budget " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /** A budget of a quarter of this JVM's maximum heap. */
    public static MetadataBudget ofHeap() {
        return new MetadataBudget(Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    /**
     * Charges one entry: {@link #ENTRY_BYTES} and two bytes per character of its name.
     *
     * @param file   the file, for the refusal
     * @param offset the byte where the entry is, for the refusal
     * @param kind   what the entry is ({@code "tensor"}, {@code "weight"}, {@code "node"})
     * @param name   its name, or an empty one (the offset then says which entry)
     * @throws ModelFormatException at {@code offset} if the budget is exceeded
     */
    public void chargeEntry(Path file, long offset, String kind, CharSequence name) throws ModelFormatException {
        charge(file, offset, ENTRY_BYTES + 2L * name.length(), kind, name);
        entries++;
    }

    /**
     * Charges {@code bytes} more that an entry holds beyond {@link #ENTRY_BYTES} (a list of names, a long
     * shape), refusing as {@link #chargeEntry} does.
     *
     * @throws ModelFormatException at {@code offset} if the budget is exceeded
     */
    public void charge(Path file, long offset, long bytes, String kind, CharSequence name)
            throws ModelFormatException {
        charged += Math.max(0, bytes);
        if (charged > limit) {
            String entry = name.length() == 0 ? kind : kind + " " + MessageText.name(name);
            throw new ModelFormatException(file, offset,
                    MessageText.format(OVER, new MessageText.Shown(entry), size(limit), entries));
        }
    }

    /** Bytes charged so far. */
    public long charged() {
        return charged;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** {@code 64 MiB}, or {@code 48 KiB} for the small budgets of tests. */
    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
