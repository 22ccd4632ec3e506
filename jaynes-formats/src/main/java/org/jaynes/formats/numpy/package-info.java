/**
 * NumPy's {@code .npy} arrays and {@code .npz} archives: {@link org.jaynes.formats.numpy.NumpyReader}
 * reads both, stored and deflated entries alike, without ever evaluating a header or unpickling.
 */
package org.jaynes.formats.numpy;
