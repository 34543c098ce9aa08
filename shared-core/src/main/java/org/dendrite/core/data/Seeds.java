package org.dendrite.core.data;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How a run's one seed becomes the generators of its parts, in one place so every trainer draws
 * the same numbers: epoch {@code e}'s generator (its row order, dropout masks and augmentation on
 * one machine) and the generators of a step's shard (a Spark partition's share of a global batch).
 * The constants are the golden-ratio and SplitMix64 multipliers, which spread nearby integers far apart.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    private Seeds() {}

    /** The generator of (0-based) epoch {@code epoch}: a run resumed between epochs draws exactly the same. */
    public static SplittableRandom epoch(long seed, long epoch) {
        return new SplittableRandom(seed ^ GOLDEN ^ (MIX * (epoch + 1)));
    }

    /** The generator of shard {@code shard}'s forward passes in (0-based) step {@code step} (dropout masks). */
    public static SplittableRandom stepShard(long seed, long step, int shard) {
        return new SplittableRandom(seed ^ (GOLDEN * (step + 1)) ^ shard);
    }

    /** The generator of shard {@code shard}'s augmentation in step {@code step}. */
    public static SplittableRandom augmentationShard(long seed, long step, int shard) {
        return new SplittableRandom(seed ^ (MIX * (step + 1)) ^ shard);
    }

    /** The seed of shard {@code shard}'s own stream of rows (a Spark partition's local steps), independent of every other shard's. */
    public static long shard(long seed, int shard) {
        return seed ^ (0x2545F4914F6CDD1DL * (shard + 1));
    }

    /** The seed of trial {@code trial} of a hyperparameter search seeded with {@code seed}: independent of every other trial's. */
    public static long trial(long seed, int trial) {
        return mix(seed ^ (0x632BE59BD9B4E019L * (trial + 1L)));
    }

    /** The generator of the sampler's draw number {@code draw} in a search seeded with {@code seed}. */
    public static SplittableRandom searchDraw(long seed, int draw) {
        return new SplittableRandom(mix(seed ^ 0x5851F42D4C957F2DL ^ (GOLDEN * (draw + 1L))));
    }

    /** The seed of the sample that data-dependent initialization draws (its rows, then each bias's points). */
    public static long dataInit(long seed) {
        return mix(seed ^ 0x3C6EF372FE94F82BL);
    }

    /**
     * The generator of a row's Monte-Carlo dropout passes, from the seed and the row's own values
     * ({@code hash}): the row draws the same masks alone, in any batch and at any position in it.
     */
    public static SplittableRandom monteCarloRow(long seed, int hash) {
        return new SplittableRandom(mix(seed ^ 0x7F4A7C159E3779B9L ^ (GOLDEN * (hash + 1L))));
    }

    /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A Fisher-Yates permutation of 0..n-1 drawn from {@code rng}, written into {@code order}. */
    public static void permutation(RandomGenerator rng, int[] order) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        shuffle(rng, order);
    }

    /** Shuffles {@code a} in place (Fisher-Yates, from the last position down) with draws from {@code rng}. */
    public static void shuffle(RandomGenerator rng, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Draws the first {@code k} places of a shuffle of {@code a} (a partial Fisher-Yates, from the first
     * position up): afterwards {@code a[0..k)} holds {@code k} distinct elements chosen uniformly, in
     * random order, after {@code k} draws from {@code rng} instead of {@code a.length - 1}.
     */
    public static void shuffleFirst(RandomGenerator rng, int[] a, int k) {
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
