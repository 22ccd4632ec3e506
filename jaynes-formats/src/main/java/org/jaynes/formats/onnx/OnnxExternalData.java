package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFiles;
import org.jaynes.formats.ModelFormatException;

/**
 * Locates a tensor stored outside the model file ({@code data_location = EXTERNAL}). The
 * {@code external_data} entries name the file ({@code location}, relative to the model's folder and
 * not allowed to leave it, as the onnx checker requires), the first byte ({@code offset}, default 0)
 * and the byte count ({@code length}, default the tensor's size, and otherwise required to equal it).
 * The region must lie inside the file. Other keys ({@code checksum}) are ignored. The location is
 * checked by {@link ModelFiles#referenced}: links are followed, and must stay in the model's real folder.
 */
final class OnnxExternalData {

    static final String OUTSIDE = "external data location \"%s\" of tensor %s is not a file in the model's folder";
    static final String NOT_FOUND = "external data file %s of tensor %s not found";

    private OnnxExternalData() {
    }

    /**
     * The region of the data file holding the tensor's bytes.
     *
     * @param model  a scanner of the model file, for its name, its folder and errors
     * @param tensor the tensor
     * @param bytes  the tensor's size in bytes
     */
    static FileRegion locate(ProtoScanner model, OnnxTensorProto tensor, long bytes)
            throws ModelFormatException, IOException {
        OnnxTensorProto.ExternalEntry location = null;
        long offset = 0;
        long length = bytes;
        int lengthOffset = tensor.offset();
        for (OnnxTensorProto.ExternalEntry entry : tensor.externalData()) {
            switch (entry.key()) {
                case "location" -> location = entry;
                case "offset" -> offset = number(model, tensor, entry);
                case "length" -> {
                    length = number(model, tensor, entry);
                    lengthOffset = entry.offset();
                }
                default -> {
                    // checksum and future keys do not change where the bytes are
                }
            }
        }
        if (location == null) {
            throw model.error(tensor.offset(), "tensor %s has data_location EXTERNAL but no external_data location",
                    tensor.name());
        }
        String named = location.value();
        Path file = ModelFiles.referenced(model.file(), location.offset(), named,
                () -> MessageText.format(OUTSIDE, named, tensor.name()),
                resolved -> MessageText.format(NOT_FOUND, resolved, tensor.name()));
        if (length != bytes) {
            throw model.error(lengthOffset, "external data of tensor %s has length %d, but %s needs %d bytes",
                    tensor.name(), length, tensor.shape(), bytes);
        }
        long size = Files.size(file);
        if (offset > size - length) {
            throw model.error(location.offset(), "external data [%d, %d) of tensor %s lies outside %s, "
                    + "which has %d bytes", offset, offset + length, tensor.name(), file, size);
        }
        return new FileRegion(file, offset, length);
    }

    private static long number(ProtoScanner model, OnnxTensorProto tensor, OnnxTensorProto.ExternalEntry entry)
            throws ModelFormatException {
        try {
            long value = Long.parseLong(entry.value().trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw model.error(entry.offset(), "external data %s \"%s\" of tensor %s is not a non-negative integer",
                entry.key(), entry.value(), tensor.name());
    }
}
