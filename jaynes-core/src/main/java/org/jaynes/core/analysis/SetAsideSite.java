package org.jaynes.core.analysis;

/**
 * A capture site whose outputs were not captured, and why: listed in every activation report, so that no
 * site is left out silently.
 *
 * @param name     the site as reports name its layers, e.g. {@code loop.relu}
 * @param tensor   the name of its output in the model's graph
 * @param function what would have produced the values, e.g. {@code relu}
 * @param reason   why it was not captured, in words
 */
public record SetAsideSite(String name, String tensor, String function, String reason) {
}
