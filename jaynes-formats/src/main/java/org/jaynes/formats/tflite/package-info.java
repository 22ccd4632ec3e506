/**
 * TensorFlow Lite models: {@link org.jaynes.formats.tflite.TfliteReader} reads their FlatBuffers by hand,
 * handing fp32 and fp16 weights over in place and quantized or sparse ones decoded to their values.
 */
package org.jaynes.formats.tflite;
