package org.dendrite.core.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;

/**
 * Reads the bundled datasets in test-data/ (located by the system property {@code dendrite.testData})
 * with a minimal ARFF / CSV reader: enough for the core's tests, which must not depend on Weka.
 */
public final class TestData {
    private TestData() {}

    /** A dataset split into raw input columns and a target (last column). */
    public record Labeled(Table table, String targetName, List<String> classes, double[] target) {
        /** The rows as the core takes them. */
        public LabeledTable labeled() {
            return new LabeledTable(table, targetName, classes, target);
        }

        public Labeled subset(int[] rows) {
            double[][] r = new double[rows.length][];
            double[] t = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                r[i] = table.rows()[rows[i]];
                t[i] = target[rows[i]];
            }
            return new Labeled(new Table(table.columns(), r), targetName, classes, t);
        }
    }

    public static Path root() {
        String dir = System.getProperty("dendrite.testData");
        if (dir == null) {
            throw new IllegalStateException("System property dendrite.testData is not set (surefire sets it to <repo>/test-data)");
        }
        return Path.of(dir);
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Reads an ARFF file; the last attribute is the target. Nominal values become category indices, '?' NaN. */
    public static Labeled arff(String name) throws IOException {
        List<String> lines = Files.readAllLines(file("datasets/" + name), StandardCharsets.UTF_8);
        List<Column> cols = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        boolean data = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (!data && lower.startsWith("@attribute")) {
                String rest = line.substring(10).strip();
                String attrName;
                if (rest.startsWith("'") || rest.startsWith("\"")) {
                    int end = rest.indexOf(rest.charAt(0), 1);
                    attrName = rest.substring(1, end);
                    rest = rest.substring(end + 1).strip();
                } else {
                    int sp = rest.indexOf(' ') > 0 ? Math.min(rest.indexOf(' '), rest.indexOf('\t') > 0 ? rest.indexOf('\t') : Integer.MAX_VALUE)
                            : rest.indexOf('\t');
                    attrName = rest.substring(0, sp);
                    rest = rest.substring(sp).strip();
                }
                if (rest.startsWith("{")) {
                    List<String> cats = new ArrayList<>();
                    for (String v : rest.substring(1, rest.lastIndexOf('}')).split(",")) cats.add(unquote(v.strip()));
                    cols.add(Column.nominal(attrName, cats));
                } else {
                    cols.add(Column.numeric(attrName));
                }
            } else if (lower.startsWith("@data")) {
                data = true;
            } else if (data) {
                String[] parts = line.split(",");
                double[] row = new double[cols.size()];
                for (int c = 0; c < cols.size(); c++) {
                    String v = unquote(parts[c].strip());
                    Column col = cols.get(c);
                    if (v.equals("?")) {
                        row[c] = Double.NaN;
                    } else if (col.isNominal()) {
                        int idx = col.categories().indexOf(v);
                        if (idx < 0) throw new IOException("Unknown value '" + v + "' for " + col.name());
                        row[c] = idx;
                    } else {
                        row[c] = Double.parseDouble(v);
                    }
                }
                rows.add(row);
            }
        }
        return split(cols, rows);
    }

    /** Reads a CSV with a header; numeric columns except a last nominal target (its values in order of appearance, sorted). */
    public static Labeled csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(file("datasets/" + name), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        List<String[]> cells = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) cells.add(l.split(","));
        }
        int last = header.length - 1;
        List<String> classes = cells.stream().map(r -> r[last].strip()).distinct().sorted().toList();
        boolean numericTarget = classes.stream().allMatch(TestData::isNumber);
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < last; c++) cols.add(Column.numeric(header[c].strip()));
        cols.add(numericTarget ? Column.numeric(header[last].strip()) : Column.nominal(header[last].strip(), classes));
        List<double[]> rows = new ArrayList<>();
        for (String[] r : cells) {
            double[] row = new double[header.length];
            for (int c = 0; c < last; c++) row[c] = Double.parseDouble(r[c]);
            row[last] = numericTarget ? Double.parseDouble(r[last]) : classes.indexOf(r[last].strip());
            rows.add(row);
        }
        return split(cols, rows);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Labeled split(List<Column> cols, List<double[]> rows) {
        int last = cols.size() - 1;
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = Arrays.copyOf(rows.get(i), last);
            y[i] = rows.get(i)[last];
        }
        Column target = cols.get(last);
        return new Labeled(new Table(cols.subList(0, last), x), target.name(), target.categories(), y);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
