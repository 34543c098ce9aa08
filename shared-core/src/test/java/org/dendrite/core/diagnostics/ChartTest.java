package org.dendrite.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {
    /** Counts pixels of the series' first palette colour (blue), which only drawn data can produce. */
    static int bluePixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
                if (b > 150 && r < 80 && g > 90 && g < 150) n++;
            }
        }
        return n;
    }

    /** Axis ticks at round values: epochs 1..8 tick at whole numbers, not at 1, 2.4, 3.8, ... (five even divisions). */
    @Test
    void ticksAreRoundAndWholeOnAnIntegerAxis() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 4, 6, 8}, Chart.ticks(1, 8, 6, true));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 3}, Chart.ticks(1, 3, 6, true), "never a step below 1");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 20, 40, 60}, Chart.ticks(0, 60, 6, true));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.4, 0.5, 0.6, 0.7}, Chart.ticks(0.35, 0.72, 6, false), 1e-12);
        for (double t : Chart.ticks(3, 517, 6, true)) assertEquals(Math.rint(t), t, 0, "whole: " + t);
    }

    @Test
    void writesANonBlankPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        double[] x = new double[50], y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-i / 10.0);
        }
        Path file = dir.resolve("sub/curve.png");
        new Chart("Loss", "epoch", "loss").line("train", x, y).marker(20, "best").writePng(file, 640, 400);
        assertTrue(Files.size(file) > 1000);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(bluePixels(img) > 200, "the curve is drawn");
        BufferedImage empty = new Chart("Loss", "epoch", "loss").render(640, 400);
        assertEquals(0, bluePixels(empty), "no data, no curve pixels");
    }

    @Test
    void histogramBarsAreDrawn() {
        Chart c = new Chart("Weights", "value", "count");
        for (int i = 0; i < 10; i++) c.bar(i, i + 1, 10 - i);
        assertTrue(bluePixels(c.render(400, 300)) > 2000);
    }
}
