package org.jaynes.formats.keras;

import java.io.IOException;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * What jHDF throws on a malformed file, turned into the reader's one {@link ModelFormatException} at the
 * byte where jHDF last read ({@link RegionChannel#lastRead}): the structure it was reading when it
 * failed. jHDF signals bad input with unchecked exceptions of many types, and it allocates what a
 * structure's header claims (an object header's size, a chunk's size, what a deflated chunk inflates to)
 * before it reads it, so one flipped byte can ask for gigabytes: an {@link OutOfMemoryError} from jHDF is
 * one failed allocation, whose garbage is gone by the time it is caught here, and is bad input like any
 * other. A {@link StackOverflowError} comes from structures that nest (or loop) deeper than the stack.
 * Where jHDF failed before reading anything, there is no offset.
 */
final class HdfFailure {

    static final String UNREADABLE = "not a readable HDF5 file: %s";
    static final String OUT_OF_HEAP = "not a readable HDF5 file: the structure read here claims more memory than "
            + "the heap has (%d MiB; jHDF: %s)";
    static final String TOO_DEEP = "not a readable HDF5 file: the structures read here nest deeper than the stack "
            + "allows (a cycle of references?)";

    /** Work done with jHDF: parsing, walking, decompressing. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException, ModelFormatException;
    }

    private HdfFailure() {
    }

    /**
     * Runs {@code work}, reading through {@code channel}, and turns whatever jHDF throws into the format
     * exception at the byte it last read.
     */
    static <T> T guarded(HdfLocation location, RegionChannel channel, Work<T> work)
            throws IOException, ModelFormatException {
        long readsBefore = channel.reads();
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw at(location, channel, readsBefore, UNREADABLE, MessageText.reason(HdfTensors.describe(e)));
        } catch (OutOfMemoryError e) {
            throw at(location, channel, readsBefore, OUT_OF_HEAP, Runtime.getRuntime().maxMemory() >> 20,
                    MessageText.reason(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            throw at(location, channel, readsBefore, TOO_DEEP);
        }
    }

    /**
     * The failure at the byte {@code channel} last read, when it read anything since {@code readsBefore};
     * else with no offset.
     */
    static ModelFormatException at(HdfLocation location, RegionChannel channel, long readsBefore, String template,
                                   Object... args) {
        long offset = channel.reads() > readsBefore ? channel.lastRead() : ModelFormatException.NO_OFFSET;
        return location.error(offset, template, args);
    }
}
