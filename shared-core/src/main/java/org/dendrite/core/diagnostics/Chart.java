package org.dendrite.core.diagnostics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small headless chart renderer on Java2D: line series or histogram bars on linear or log-x axes,
 * with ticks, labels, a legend and optional vertical markers, written as PNG. Java2D ships with
 * every JDK and runs without a display, so the plots cost no dependency (see docs/design.md).
 */
public final class Chart {
    /** One named line, or with {@code pointsOnly} a scatter of unconnected points. */
    public record Series(String name, double[] x, double[] y, boolean pointsOnly) {}

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> bars = new ArrayList<>();
    private final List<Double> markers = new ArrayList<>();
    private final List<String> markerLabels = new ArrayList<>();
    private boolean logX;
    private boolean legend = true;
    private boolean integerX;
    private double yLo = Double.NaN;
    private double yHi = Double.NaN;

    public Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public Chart line(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), false));
        return this;
    }

    /** Unconnected points (a scatter plot). */
    public Chart points(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), true));
        return this;
    }

    /** Shows or hides the legend (hide it for many unnamed series, such as one line per search trial). */
    public Chart legend(boolean on) {
        this.legend = on;
        return this;
    }

    /** A histogram bar from {@code from} to {@code to} of height {@code count}. */
    public Chart bar(double from, double to, double count) {
        bars.add(new double[] {from, to, count});
        return this;
    }

    public Chart marker(double x, String label) {
        markers.add(x);
        markerLabels.add(label);
        return this;
    }

    /** Fixes the y axis to [lo, hi] (points outside are clipped to the frame). */
    public Chart yRange(double lo, double hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("Invalid y range: " + lo + " .. " + hi);
        }
        this.yLo = lo;
        this.yHi = hi;
        return this;
    }

    public Chart logX(boolean on) {
        this.logX = on;
        return this;
    }

    /** Ticks the x axis at whole numbers only (epochs, row counts). */
    public Chart integerX(boolean on) {
        this.integerX = on;
        return this;
    }

    /**
     * Tick positions in [lo, hi]: multiples of a step of 1, 2 or 5 times a power of ten, chosen so
     * there are at most {@code maxTicks}; with {@code integer} the step is a whole number.
     */
    static double[] ticks(double lo, double hi, int maxTicks, boolean integer) {
        double raw = (hi - lo) / Math.max(1, maxTicks - 1);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
        if (integer) step = Math.max(1, Math.round(step));
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) out.add(Math.abs(t) < 1e-12 * step ? 0 : t);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Renders to a {@code width x height} image. */
    public BufferedImage render(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            draw(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG, creating parent folders. */
    public void writePng(Path file, int width, int height) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!ImageIO.write(render(width, height), "png", file.toFile())) {
            throw new IOException("No PNG writer available to write " + file);
        }
    }

    private double tx(double x) {
        return logX ? Math.log10(x) : x;
    }

    private void draw(Graphics2D g, int w, int h) {
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i]) || !Double.isFinite(tx(s.x[i]))) continue;
                xmin = Math.min(xmin, tx(s.x[i]));
                xmax = Math.max(xmax, tx(s.x[i]));
                ymin = Math.min(ymin, s.y[i]);
                ymax = Math.max(ymax, s.y[i]);
            }
        }
        for (double[] b : bars) {
            xmin = Math.min(xmin, b[0]);
            xmax = Math.max(xmax, b[1]);
            ymin = Math.min(ymin, 0);
            ymax = Math.max(ymax, b[2]);
        }
        if (!(xmin <= xmax)) {
            xmin = 0;
            xmax = 1;
        }
        if (!(ymin <= ymax)) {
            ymin = 0;
            ymax = 1;
        }
        if (xmax == xmin) xmax = xmin + 1;
        if (ymax == ymin) ymax = ymin + 1;
        double pad = (ymax - ymin) * 0.05;
        ymin -= bars.isEmpty() ? pad : 0;
        ymax += pad;
        if (!Double.isNaN(yLo)) {
            ymin = yLo;
            ymax = yHi;
        }

        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int left = 70, right = 20, top = 40, bottom = 50;
        int pw = w - left - right, ph = h - top - bottom;
        final double x0 = xmin, x1 = xmax, y0 = ymin, y1 = ymax;
        java.util.function.DoubleUnaryOperator px = x -> left + (x - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator py = y -> top + ph - (y - y0) / (y1 - y0) * ph;

        // grid and labels at round values (whole numbers for an integer axis); a log axis at its five even divisions
        double[] yTicks = ticks(y0, y1, 6, false);
        double[] xTicks = logX ? new double[] {x0, x0 + (x1 - x0) / 5, x0 + 2 * (x1 - x0) / 5, x0 + 3 * (x1 - x0) / 5, x0 + 4 * (x1 - x0) / 5, x1}
                : ticks(x0, x1, 6, integerX);
        g.setColor(new Color(235, 235, 235));
        for (double yv : yTicks) {
            int yy = (int) Math.round(py.applyAsDouble(yv));
            g.drawLine(left, yy, left + pw, yy);
        }
        for (double xv : xTicks) {
            int xx = (int) Math.round(px.applyAsDouble(xv));
            g.drawLine(xx, top, xx, top + ph);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, pw, ph);
        for (double yv : yTicks) {
            String s = format(yv);
            g.drawString(s, left - 6 - fm.stringWidth(s), (int) Math.round(py.applyAsDouble(yv)) + fm.getAscent() / 2);
        }
        for (double xv : xTicks) {
            String t = logX ? format(Math.pow(10, xv)) : integerX ? String.valueOf(Math.round(xv)) : format(xv);
            g.drawString(t, (int) Math.round(px.applyAsDouble(xv)) - fm.stringWidth(t) / 2, top + ph + fm.getHeight() + 2);
        }
        g.setFont(font.deriveFont(Font.BOLD, 14f));
        g.drawString(title, left + (pw - g.getFontMetrics().stringWidth(title)) / 2, top - 14);
        g.setFont(font);
        g.drawString(xLabel, left + (pw - fm.stringWidth(xLabel)) / 2, h - 10);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(top + (ph + fm.stringWidth(yLabel)) / 2), 16);
        gy.dispose();

        g.setColor(PALETTE[0]);
        for (double[] b : bars) {
            int xa = (int) px.applyAsDouble(b[0]), xb = (int) px.applyAsDouble(b[1]);
            int ya = (int) py.applyAsDouble(b[2]), yb = (int) py.applyAsDouble(0);
            g.fillRect(xa, ya, Math.max(1, xb - xa - 1), Math.max(0, yb - ya));
        }
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            int prevX = 0, prevY = 0;
            boolean have = false;
            for (int i = 0; i < s.x.length; i++) {
                double xv = tx(s.x[i]);
                if (!Double.isFinite(s.y[i]) || !Double.isFinite(xv)) {
                    have = false;
                    continue;
                }
                int cx = (int) Math.round(px.applyAsDouble(xv));
                int cy = (int) Math.round(py.applyAsDouble(Math.max(y0, Math.min(y1, s.y[i]))));
                if (have && !s.pointsOnly) g.drawLine(prevX, prevY, cx, cy);
                if (s.x.length <= 60 || s.pointsOnly) g.fillOval(cx - 3, cy - 3, 6, 6);
                prevX = cx;
                prevY = cy;
                have = true;
            }
        }
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        for (int i = 0; i < markers.size(); i++) {
            double mx = tx(markers.get(i));
            if (!Double.isFinite(mx)) continue;
            int xx = (int) px.applyAsDouble(mx);
            g.setColor(new Color(214, 39, 40));
            g.drawLine(xx, top, xx, top + ph);
            g.drawString(markerLabels.get(i), Math.min(xx + 4, left + pw - fm.stringWidth(markerLabels.get(i))), top + fm.getHeight());
        }
        int ly = top + 8;
        for (int k = 0; legend && k < series.size(); k++) {
            String name = series.get(k).name;
            int lx = left + pw - fm.stringWidth(name) - 34;
            g.setColor(PALETTE[k % PALETTE.length]);
            g.fillRect(lx, ly + 4, 20, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(name, lx + 26, ly + fm.getAscent() - 2);
            ly += fm.getHeight() + 2;
        }
    }

    private static String format(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.1e", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
