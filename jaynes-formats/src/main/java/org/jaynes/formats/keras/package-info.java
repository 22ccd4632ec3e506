/**
 * Keras models: HDF5 files ({@code .h5}, Keras 2 / tf.keras and legacy Keras 3, and {@code .weights.h5})
 * and Keras 3 {@code .keras} archives. {@link org.jaynes.formats.keras.KerasReader} reads them in pure
 * Java, HDF5 through jHDF, without loading a weight into memory or running anything the file holds.
 */
package org.jaynes.formats.keras;
