/**
 * TensorFlow.js models: {@link org.jaynes.formats.tfjs.TfjsReader} reads a model.json weights manifest and
 * its shard files, handing float32 and float16 weights over in place and uint8/uint16 ones dequantized.
 */
package org.jaynes.formats.tfjs;
