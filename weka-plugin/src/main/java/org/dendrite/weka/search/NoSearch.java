package org.dendrite.weka.search;

import org.dendrite.core.search.SearchConfig;

/** No hyperparameter search: the classifier trains the configuration its options describe. */
public class NoSearch extends SearchOption {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "No hyperparameter search: the network is trained with the configured options.";
    }

    @Override
    protected SearchConfig build() {
        return null;
    }
}
