package org.dendrite.weka.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dendrite.weka.layer.Dense;
import org.dendrite.weka.layer.LayerOption;
import org.dendrite.weka.optim.Adam;
import weka.classifiers.functions.Dendrite;
import weka.core.Utils;

/**
 * Dendrite with the learning rate and the hidden layer's width as top-level options ({@code -lr},
 * {@code -units}), so that Weka's {@code CVParameterSelection}, which can only set top-level options,
 * can tune them in the search benchmark (issue 15). Everything else is Dendrite's own options.
 * Benchmark scaffolding, not part of the package.
 */
public class FlatDendrite extends Dendrite {
    private static final long serialVersionUID = 1L;
    private double lr = Double.NaN;
    private int units;

    @Override
    public void setOptions(String[] options) throws Exception {
        String l = Utils.getOption("lr", options);
        String u = Utils.getOption("units", options);
        super.setOptions(options);
        lr = l.isEmpty() ? Double.NaN : Double.parseDouble(l);
        units = u.isEmpty() ? 0 : (int) Math.round(Double.parseDouble(u));
        if (!Double.isNaN(lr)) {
            Adam adam = new Adam();
            adam.setLearningRate(lr);
            setOptimizer(adam);
        }
        if (units > 0) {
            Dense dense = new Dense();
            dense.setUnits(units);
            setLayers(new LayerOption[] {dense});
        }
    }

    @Override
    public String[] getOptions() {
        List<String> o = new ArrayList<>(Arrays.asList(super.getOptions()));
        if (!Double.isNaN(lr)) o.addAll(List.of("-lr", Double.toString(lr)));
        if (units > 0) o.addAll(List.of("-units", Integer.toString(units)));
        return o.toArray(new String[0]);
    }
}
