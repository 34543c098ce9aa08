package org.dendrite.core.search;

import java.util.List;

/** One Hyperband bracket: its index s (s + 1 rungs; s = 0 trains every trial to the maximum) and its rungs, lowest first. */
public record Bracket(int s, List<Rung> rungs) {
    public Bracket {
        rungs = List.copyOf(rungs);
    }
}
