package org.jaynes.nn.data;

/**
 * A training set and a held-out test set of the same shape.
 *
 * @param name  where the data came from, for reports ({@code fashion-mnist}, {@code teacher})
 * @param train what the network learns from
 * @param test  what it is measured on
 */
public record DataSplit(String name, Dataset train, Dataset test) {

    public DataSplit {
        if (train.features() != test.features() || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train and test differ: " + train.features() + " features and "
                    + train.classes() + " classes against " + test.features() + " and " + test.classes());
        }
        if (!train.imageShape().equals(test.imageShape())) {
            throw new IllegalArgumentException("train and test differ: images " + train.imageShape().map(
                    Object::toString).orElse("none") + " against " + test.imageShape().map(Object::toString)
                    .orElse("none"));
        }
    }
}
