package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shuffles every draw of rows goes through: complete, and uniform by counting. */
class SeedsTest {
    @Test
    void shuffleFirstDrawsDistinctElementsUniformly() {
        int n = 5, k = 2, draws = 50_000;
        SplittableRandom rng = new SplittableRandom(7);
        int[] inFirst = new int[n], atZero = new int[n];
        for (int d = 0; d < draws; d++) {
            int[] a = {0, 1, 2, 3, 4};
            Seeds.shuffleFirst(rng, a, k);
            int[] sorted = a.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sorted, "a rearrangement of the elements");
            for (int i = 0; i < k; i++) inFirst[a[i]]++;
            atZero[a[0]]++;
        }
        // each element among the first k with probability k/n = 0.4, first with 1/n = 0.2; bounds of about 4.5 standard deviations
        for (int e = 0; e < n; e++) {
            assertEquals(0.4, inFirst[e] / (double) draws, 0.01, "element " + e + " among the first " + k);
            assertEquals(0.2, atZero[e] / (double) draws, 0.008, "element " + e + " first");
        }
    }

    @Test
    void shuffleFirstOfEveryPlaceIsAPermutationAndShuffleTooUniformly() {
        int n = 4, draws = 48_000;
        SplittableRandom rng = new SplittableRandom(11);
        int[][] counts = new int[2][n * n];
        for (int d = 0; d < draws; d++) {
            int[] a = {0, 1, 2, 3}, b = new int[n];
            Seeds.shuffleFirst(rng, a, n);
            Seeds.permutation(rng, b);
            for (int i = 0; i < n; i++) {
                counts[0][i * n + a[i]]++;
                counts[1][i * n + b[i]]++;
            }
        }
        // every element at every place with probability 1/4 (standard deviation about 0.002)
        for (int[] c : counts) for (int v : c) assertEquals(0.25, v / (double) draws, 0.01);
    }
}
