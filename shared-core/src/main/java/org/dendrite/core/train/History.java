package org.dendrite.core.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch training history. */
public final class History implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<EpochRecord> epochs = new ArrayList<>();

    public void add(EpochRecord r) {
        epochs.add(r);
    }

    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public int size() {
        return epochs.size();
    }

    /** The last record, or null before the first epoch. */
    public EpochRecord last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
