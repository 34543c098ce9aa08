package org.dendrite.core.train;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a model came from: the Dendrite version that trained it, its seed, its configuration and when.
 * A model trained in this JVM renders its configuration and time as text only when first asked (when
 * the model is written or shown): rendering the configuration's ~30 record types costs a fresh JVM
 * about 0.15 s (measured 2026-12-06; a third of a first small fit).
 */
public final class Provenance implements Serializable {
    private static final long serialVersionUID = 2L;
    private final String dendriteVersion;
    private final long seed;
    private final TrainingConfig source;
    private final Instant created;
    private String config;
    private String createdAt;

    /** A provenance as written in a model file. */
    public Provenance(String dendriteVersion, long seed, String config, String createdAt) {
        this.dendriteVersion = Objects.requireNonNull(dendriteVersion);
        this.seed = seed;
        this.config = Objects.requireNonNull(config);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.source = null;
        this.created = null;
    }

    private Provenance(TrainingConfig source, Instant created) {
        this.dendriteVersion = currentVersion();
        this.seed = source.seed();
        this.source = source;
        this.created = created;
    }

    /** The provenance of a model trained now by this Dendrite with {@code config}. */
    public static Provenance of(TrainingConfig config) {
        return new Provenance(config, Instant.now());
    }

    /**
     * This provenance with the configuration {@code c} the run ended with (a continued run trains to
     * more epochs than it started with), same time; unchanged for one read from a file.
     */
    public Provenance withConfig(TrainingConfig c) {
        return source == null || source.equals(c) ? this : new Provenance(c, created);
    }

    public String dendriteVersion() { return dendriteVersion; }

    public long seed() { return seed; }

    /**
     * The training configuration as text: for a model trained by this version, one line of JSON of what
     * differs from the defaults ({@code io.SpecFormat.writeChanges}), which {@code -config-json} and
     * {@code configJson} take back; a model file from an earlier version keeps the text it has.
     */
    public synchronized String config() {
        if (config == null) config = org.dendrite.core.io.SpecFormat.writeChanges(source);
        return config;
    }

    /** When the model was trained (ISO-8601). */
    public synchronized String createdAt() {
        if (createdAt == null) createdAt = created.toString();
        return createdAt;
    }

    /** The running Dendrite version (from the jar manifest; "development" when run from classes). */
    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && dendriteVersion.equals(p.dendriteVersion) && seed == p.seed && config().equals(p.config())
                && createdAt().equals(p.createdAt());
    }

    @Override
    public int hashCode() {
        return Objects.hash(dendriteVersion, seed, config(), createdAt());
    }

    @Override
    public String toString() {
        return "Provenance[dendriteVersion=" + dendriteVersion + ", seed=" + seed + ", config=" + config() + ", createdAt=" + createdAt() + "]";
    }
}
