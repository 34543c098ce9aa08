import java.util.*;
import weka.core.*;
import weka.core.converters.ConverterUtils.DataSource;
/**
 * For each dataset, over the folds of Weka's own cross-validation as the study runs it (10 x 10-fold
 * with seeds 1-10 below 2,000 rows, 1 x 10 above; stratified for a nominal class): the folds whose
 * training rows hold a numeric column constant while the test rows have another value, the folds
 * whose test rows have a nominal value the training rows lack, and the test rows affected. Those are
 * the inputs a model learned nothing about. Run by bench/fold-check.
 */
public class FoldCheck {
    public static void main(String[] a) throws Exception {
        for (String f : a) {
            Instances d = DataSource.read(f);
            d.setClassIndex(d.numAttributes() - 1);
            int reps = d.numInstances() < 2000 ? 10 : 1, constFolds = 0, unseenFolds = 0, folds = 0, constCols = 0, unseenVals = 0, affectedRows = 0, testRows = 0;
            for (int s = 1; s <= reps; s++) {
                Instances r = new Instances(d);
                r.randomize(new Random(s));
                if (r.classAttribute().isNominal()) r.stratify(10);
                for (int k = 0; k < 10; k++) {
                    Instances tr = r.trainCV(10, k, new Random(s)), te = r.testCV(10, k);
                    folds++; testRows += te.numInstances();
                    boolean cf = false, uf = false;
                    Set<Integer> hit = new HashSet<>();
                    for (int j = 0; j < d.numAttributes(); j++) {
                        if (j == d.classIndex()) continue;
                        Attribute at = d.attribute(j);
                        if (at.isNumeric()) {
                            double v0 = Double.NaN; boolean constant = true;
                            for (int i = 0; i < tr.numInstances(); i++) { double v = tr.instance(i).value(j); if (Double.isNaN(v)) continue; if (Double.isNaN(v0)) v0 = v; else if (v != v0) { constant = false; break; } }
                            if (constant) for (int i = 0; i < te.numInstances(); i++) { double v = te.instance(i).value(j); if (!Double.isNaN(v) && v != v0) { cf = true; constCols++; hit.add(i); } }
                        } else if (at.isNominal()) {
                            boolean[] seen = new boolean[at.numValues()];
                            for (int i = 0; i < tr.numInstances(); i++) if (!tr.instance(i).isMissing(j)) seen[(int) tr.instance(i).value(j)] = true;
                            for (int i = 0; i < te.numInstances(); i++) if (!te.instance(i).isMissing(j) && !seen[(int) te.instance(i).value(j)]) { uf = true; unseenVals++; hit.add(i); }
                        }
                    }
                    if (cf) constFolds++; if (uf) unseenFolds++; affectedRows += hit.size();
                }
            }
            System.out.printf("%-32s folds %4d  with a constant column varying in test: %3d  with an unseen category: %3d  test rows affected %d of %d (%.2f%%)%n",
                new java.io.File(f).getName(), folds, constFolds, unseenFolds, affectedRows, testRows, 100.0 * affectedRows / testRows);
        }
    }
}
