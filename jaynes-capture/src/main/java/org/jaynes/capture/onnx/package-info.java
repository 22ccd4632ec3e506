/**
 * Captures the output of every activation function while an ONNX model runs on real inputs.
 *
 * <p>{@link org.jaynes.capture.onnx.CaptureGraph} finds the capture sites of a model file (Relu, Gelu and its
 * Erf pattern, Tanh, Sigmoid, Softmax, attention probabilities) and its inputs;
 * {@link org.jaynes.capture.onnx.OnnxCapture} runs the model with ONNX Runtime, batch by batch, and streams
 * each site's values to a {@link org.jaynes.capture.onnx.CaptureSink}; {@link org.jaynes.capture.onnx.NpyFeeds}
 * and {@link org.jaynes.capture.onnx.RandomFeeds} make the batches for models that take no text.
 *
 * <p>Models with external data are supported when their folder is writable (the copy of the graph with
 * the capture outputs is written beside the model so that relative data locations resolve). Activations
 * are float32, float16 or bfloat16 (widened to float32 as they are accumulated); sites inside subgraphs
 * (If, Loop, Scan) are listed as set aside, since ONNX Runtime returns only values of the main graph.
 * {@link org.jaynes.capture.onnx.CaptureRun} runs every batch through one session twice, every site's
 * output each time, so that each site is summarised as f32 weights are (a coarse pass, then a fine count
 * where the statistics need it) and all of them fit in the heap at once.
 */
package org.jaynes.capture.onnx;
