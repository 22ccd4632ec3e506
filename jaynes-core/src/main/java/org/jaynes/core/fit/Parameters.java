package org.jaynes.core.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered, unmodifiable parameter maps of fitted laws. */
final class Parameters {

    private Parameters() {
    }

    /** {@code family}'s parameter names mapped to {@code values}, in order. */
    static Map<String, Double> of(Family family, double... values) {
        if (values.length != family.parameterCount()) {
            throw new IllegalArgumentException(family.key() + " has " + family.parameterCount()
                    + " parameters, not " + values.length);
        }
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(family.parameterNames().get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
