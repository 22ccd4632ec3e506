package org.jaynes.capture.text;

import java.util.List;

/**
 * What is put around the tokens of one text: HuggingFace's {@code TemplateProcessing} for a single
 * sequence ({@code [CLS] $A [SEP]}, each item with its type id), to which {@code BertProcessing} is
 * equivalent. Immutable.
 *
 * @param items the template, in order; exactly one of them is the text
 */
record PostProcessor(List<Item> items) {

    /** No special tokens: the text alone, type id 0. */
    static final PostProcessor NONE = new PostProcessor(List.of(new Sequence(0)));

    /** One item of a template. */
    sealed interface Item permits Special, Sequence {
    }

    /**
     * Special tokens (one or more ids under one name).
     *
     * @param tokens their texts
     * @param ids    their ids
     * @param typeId the type id given to each
     */
    record Special(List<String> tokens, List<Integer> ids, int typeId) implements Item {
    }

    /**
     * The tokens of the text.
     *
     * @param typeId the type id given to each
     */
    record Sequence(int typeId) implements Item {
    }

    PostProcessor {
        items = List.copyOf(items);
    }

    /** How many special tokens the template adds to a text. */
    int addedTokens() {
        int added = 0;
        for (Item item : items) {
            if (item instanceof Special special) {
                added += special.ids().size();
            }
        }
        return added;
    }
}
