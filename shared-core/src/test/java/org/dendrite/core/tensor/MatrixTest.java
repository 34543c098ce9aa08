package org.dendrite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {
    /** Rows stacked in order, written out by hand; only a part's own rows count (not a larger backing array's tail). */
    @Test
    void stackRowsJoinsThePartsRowsInOrder() {
        Matrix a = new Matrix(1, 2, new float[] {1, 2, 99, 99});
        Matrix b = new Matrix(2, 2, new float[] {3, 4, 5, 6});
        Matrix s = Matrix.stackRows(List.of(a, new Matrix(0, 2), b));
        assertEquals(3, s.rows());
        assertEquals(2, s.cols());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, s.data());
        assertEquals(0, Matrix.stackRows(List.of()).size());
        var e = assertThrows(IllegalArgumentException.class, () -> Matrix.stackRows(List.of(a, new Matrix(1, 3))));
        assertEquals("Cannot stack a 1x3 matrix under 2 columns", e.getMessage());
    }
}
