/**
 * llama.cpp's GGUF format: {@link org.jaynes.formats.gguf.GgufReader} reads versions 2 and 3, handing
 * block-quantized tensors over dequantized to f32; {@link org.jaynes.formats.gguf.GgufHeader} gives the
 * metadata and tensor infos.
 */
package org.jaynes.formats.gguf;
