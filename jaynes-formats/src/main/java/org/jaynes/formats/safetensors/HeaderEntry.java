package org.jaynes.formats.safetensors;

import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;

/**
 * One tensor as a safetensors header describes it, before its offsets are checked against the file.
 *
 * @param name  the JSON key
 * @param dtype its element type
 * @param shape its dimensions
 * @param begin first byte, relative to the data area
 * @param end   one past the last byte, relative to the data area
 * @param at    the file offset of its {@code data_offsets} value, where errors about its bytes point
 */
record HeaderEntry(String name, DType dtype, Shape shape, long begin, long end, long at) {
}
