package org.dendrite.core.train;

import java.io.Serializable;

/** Where a model came from: the Dendrite version that trained it, its seed, its configuration and when. */
public record Provenance(String dendriteVersion, long seed, String config, String createdAt) implements Serializable {
    /** The provenance of a model trained now by this Dendrite with {@code config}. */
    public static Provenance of(TrainingConfig config) {
        return new Provenance(currentVersion(), config.seed(), config.toString(), java.time.Instant.now().toString());
    }

    /** The running Dendrite version (from the jar manifest; "development" when run from classes). */
    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
