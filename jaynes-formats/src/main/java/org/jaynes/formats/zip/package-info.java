/**
 * Zip archives, for every format that is one ({@code .npz}, {@code .keras}, {@code torch.save}
 * checkpoints): the checked central directory ({@link org.jaynes.formats.zip.ZipDirectory}), and the
 * bounded inflation of deflated entries, on demand ({@link org.jaynes.formats.zip.InflatedEntry}), in
 * memory for small entries ({@link org.jaynes.formats.zip.ZipDirectory#contents}) or once to a temporary
 * file with a size budget ({@link org.jaynes.formats.zip.InflatedCopy}).
 */
package org.jaynes.formats.zip;
