package org.jaynes.capture.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.formats.ModelFormatException;

/**
 * The sentences jaynes runs a language model on when no text is given: a few hundred English sentences
 * written for the project, of many kinds (science, everyday life, news, questions, instructions,
 * dialogue, numbers and dates, names, punctuation, a few accented words), so that the neuron outputs
 * seen are varied. Stateless.
 */
public final class BundledText {

    /** The class-path resource, beside this class. */
    public static final String RESOURCE = "sentences.txt";

    private BundledText() {
    }

    /** The bundled sentences, one per line of the resource. */
    public static List<String> lines() {
        try (InputStream in = BundledText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE + " beside " + BundledText.class);
            }
            return TextLines.read(in, Path.of(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ModelFormatException e) {
            // The resource is tested at build time; a bad one is a broken build, not bad input.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
