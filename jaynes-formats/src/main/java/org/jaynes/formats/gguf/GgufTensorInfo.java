package org.jaynes.formats.gguf;

import org.jaynes.core.tensor.Shape;

/**
 * One tensor info of a GGUF header, checked: a supported type, a shape whose element count and byte
 * length fit a long, and (for block types) rows that are whole blocks.
 *
 * @param name     the stored name ({@code blk.0.attn_q.weight})
 * @param shape    the dimensions, outermost first (GGUF stores them innermost first)
 * @param type     the ggml type
 * @param offset   the data's offset from the start of the data section
 * @param bytes    the data's length in the file
 * @param infoAt   the file offset of the tensor info, for error messages
 */
public record GgufTensorInfo(String name, Shape shape, GgmlType type, long offset, long bytes, long infoAt) {
}
