package org.dendrite.weka.search;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.weka.NestedOption;

/**
 * A hyperparameter search as a Weka option object, e.g. {@code -search "org.dendrite.weka.search.Hyperband -max-epochs 60"}:
 * {@link NoSearch} (the default: train the configured network), {@link RandomSearch},
 * {@link SuccessiveHalving}, {@link Hyperband} or {@link Asha}. The search runs inside
 * {@code buildClassifier} on the training rows it is given, so Weka's own cross-validation measures
 * the whole tuned procedure (nested). Its {@link #toCore()} is null for no search.
 */
public abstract class SearchOption extends NestedOption<SearchConfig> {
    private static final long serialVersionUID = 1L;

    /**
     * The core search, its scheduler's budget checked against the classifier's {@code baseEpochs}
     * (a maximum of 0 means them): a budget that leaves no room for a second rung is an error naming
     * this class's option. With {@code baseEpochs} 0 (chosen from the training rows) the budget is
     * checked by the search when the rows are known, before any trial trains. Null for no search.
     */
    public final SearchConfig toCore(int baseEpochs) {
        return translated(() -> {
            SearchConfig c = build();
            if (c != null && baseEpochs > 0) c.scheduler().check(baseEpochs);
            return c;
        });
    }

    /** One of each, with the core's defaults. */
    public static List<SearchOption> all() {
        return new ArrayList<>(List.of(new NoSearch(), new RandomSearch(), new SuccessiveHalving(), new Hyperband(), new Asha()));
    }
}
