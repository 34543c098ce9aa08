package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.train.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.Dendrite;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Reorder;

/**
 * A model trained on Spark predicts the same in Weka, and one trained in Weka the same on Spark, on
 * the Wisconsin breast-cancer data (30 numeric inputs in the same order in the ARFF and the CSV).
 * A model's outputs are its classes in order, so the Spark labels are indexed alphabetically
 * descending (malignant = 0, benign = 1), the order the ARFF declares.
 */
@Timeout(300)
class ModelExchangeTest {
    private static Instances arff() throws Exception {
        Instances d = DataSource.read(SparkTestSupport.data("wisconsin-breast-cancer.arff").toString());
        d.setClassIndex(d.numAttributes() - 1);
        return d;
    }

    /**
     * A Spark model's classes are its label indexer's names, in its order: indexed by frequency
     * (benign = 0, malignant = 1, where the ARFF declares malignant first), Weka refuses the model
     * for that header instead of reading class 0 as malignant (every prediction turned around: 0 of
     * 300 right), and the prediction column's metadata names the classes, so IndexToString without
     * labels gives back each row's diagnosis (it failed: the metadata held only their number).
     */
    @Test
    void aSparkModelKeepsItsLabelsNamesAndOrder() throws Exception {
        Dataset<Row> raw = SparkTestSupport.spark().read().option("header", true).option("inferSchema", true)
                .csv(SparkTestSupport.data("wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns();
        Dataset<Row> df = new org.apache.spark.ml.feature.StringIndexer().setInputCol("diagnosis").setOutputCol("label").fit(raw)
                .transform(new org.apache.spark.ml.feature.VectorAssembler().setInputCols(java.util.Arrays.copyOf(cols, cols.length - 1))
                        .setOutputCol("features").transform(raw));
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(5).fit(df);
        assertEquals(List.of("benign", "malignant"), m.coreModel().task().classes());
        var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Dendrite.fromModel(m.coreModel(), arff()));
        assertEquals("The model's class 0 is 'benign', which the class attribute holds as value 1: a class is its index, so order the "
                + "attribute's values as the model's (benign, malignant)", e.getMessage());
        Dataset<Row> named = new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction").setOutputCol("predictedDiagnosis")
                .transform(m.transform(df));
        long agree = named.filter("predictedDiagnosis = diagnosis").count(), right = named.filter("prediction = label").count();
        assertEquals(right, agree, "the names IndexToString reads from the metadata are the indexer's");
        org.junit.jupiter.api.Assertions.assertTrue(right > 500, right + " of 569");
    }

    @Test
    void sparkToWekaAndWekaToSpark(@TempDir Path dir) throws Exception {
        Dataset<Row> raw = SparkTestSupport.spark().read().option("header", true).option("inferSchema", true)
                .csv(SparkTestSupport.data("wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns();
        Dataset<Row> df = new org.apache.spark.ml.feature.StringIndexer().setInputCol("diagnosis").setOutputCol("label")
                .setStringOrderType("alphabetDesc").fit(raw).transform(new org.apache.spark.ml.feature.VectorAssembler()
                        .setInputCols(java.util.Arrays.copyOf(cols, cols.length - 1)).setOutputCol("features").transform(raw));
        List<Row> first = df.select("features").limit(20).collectAsList();
        Instances data = arff();

        DendriteClassificationModel spark = new DendriteClassifier().setEpochs(5).fit(df);
        spark.write().overwrite().save(dir.resolve("spark-model").toString());
        Model fromSpark = ModelIO.read(dir.resolve("spark-model").resolve("model.json"));
        Dendrite weka = Dendrite.fromModel(fromSpark, data);
        for (int i = 0; i < 20; i++) {
            double[] s = spark.coreModel().predictRow(((Vector) first.get(i).get(0)).toArray());
            assertArrayEquals(s, weka.distributionForInstance(data.instance(i)), 0, "row " + i);
        }
        assertEquals(0.0, weka.classifyInstance(data.instance(0)), "row 0 is malignant and predicted so");

        Dendrite trainedInWeka = new Dendrite();
        trainedInWeka.setEpochs(5);
        trainedInWeka.buildClassifier(data);
        ModelIO.write(trainedInWeka.getModel(), dir.resolve("weka-model.json"));
        DendriteClassificationModel onSpark = DendriteClassificationModel.fromCoreModel(ModelIO.read(dir.resolve("weka-model.json")));
        List<Row> out = onSpark.transform(df.limit(20)).select("probability").collectAsList();
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(trainedInWeka.distributionForInstance(data.instance(i)), ((Vector) out.get(i).get(0)).toArray(), 0, "row " + i);
        }

        // named inputs in another order went silently to other weights (361 of 569 predictions flipped): the elements' names in the
        // features' metadata (VectorAssembler's) must be the Weka model's, in its order; the same with Weka's fromModel
        String[] reversed = java.util.Arrays.copyOf(cols, cols.length - 1);
        java.util.Collections.reverse(java.util.Arrays.asList(reversed));
        Dataset<Row> backwards = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(reversed).setOutputCol("features").transform(raw);
        var order = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> onSpark.transform(backwards));
        org.junit.jupiter.api.Assertions.assertTrue(order.getMessage().startsWith("Column 'features' element 0 is '" + reversed[0] + "' in its "
                + "metadata, but the model's input 0 is '" + cols[0] + "'"), order.getMessage());
        // names the model does not hold (a vector assembled from another vector: v_0, v_1, ...) say nothing of the order: taken by place
        org.apache.spark.ml.attribute.Attribute[] unnamed = new org.apache.spark.ml.attribute.Attribute[cols.length - 1];
        for (int i = 0; i < unnamed.length; i++) unnamed[i] = org.apache.spark.ml.attribute.NumericAttribute.defaultAttr().withName("v_" + i);
        Dataset<Row> renamed = df.withColumn("features", df.col("features").as("features",
                new org.apache.spark.ml.attribute.AttributeGroup("features", unnamed).toMetadata()));
        assertEquals(out, onSpark.transform(renamed.limit(20)).select("probability").collectAsList());
        Instances backwardsArff = arff();
        Reorder reorder = new Reorder();
        reorder.setAttributeIndices((data.numAttributes() - 1) + "-1," + data.numAttributes());
        reorder.setInputFormat(backwardsArff);
        Instances wekaBackwards = Filter.useFilter(backwardsArff, reorder);
        wekaBackwards.setClassIndex(wekaBackwards.numAttributes() - 1);
        var named = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> Dendrite.fromModel(ModelIO.read(dir.resolve("weka-model.json")), wekaBackwards));
        org.junit.jupiter.api.Assertions.assertTrue(named.getMessage().startsWith("Input attribute 1 ('" + reversed[0] + "') does not match the "
                + "model's column '" + cols[0] + "'"), named.getMessage());
        // a Spark model (its inputs named by its assembler's columns, the CSV's here) takes inputs named otherwise throughout by their
        // place in Weka, as fromModel above, and as -initial-model too (it was refused: "Input column 0 is 'mean_radius' (numeric) but
        // the model was trained on 'features[0]'", and with names "... on 'c0'"); the same inputs in another order are refused there too
        Instances renamedData = new Instances(data);
        for (int a = 0; a < renamedData.numAttributes() - 1; a++) renamedData.renameAttribute(a, "a" + a);
        Dendrite warm = new Dendrite();
        warm.setOptions(Utils.splitOptions("-epochs 1 -initial-model " + dir.resolve("spark-model").resolve("model.json")));
        warm.buildClassifier(renamedData);
        Dendrite warmBackwards = new Dendrite();
        warmBackwards.setOptions(Utils.splitOptions("-epochs 1 -initial-model " + dir.resolve("spark-model").resolve("model.json")));
        var warmOrder = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> warmBackwards.buildClassifier(wekaBackwards));
        org.junit.jupiter.api.Assertions.assertTrue(warmOrder.getMessage().contains("Input column 0 is '" + reversed[0] + "'")
                && warmOrder.getMessage().contains("(the model's inputs in another order: give them in the model's order)"), warmOrder.getMessage());
        int right = 0;
        for (int i = 0; i < data.numInstances(); i++) if (warm.classifyInstance(renamedData.instance(i)) == renamedData.instance(i).classValue()) right++;
        org.junit.jupiter.api.Assertions.assertTrue(right > 0.9 * data.numInstances(), "one epoch from the Spark model's weights: " + right);

        // Monte-Carlo dropout: Weka's -mc-dropout and Spark's monteCarloPasses give a row the same passes (the training seed and
        // the row's values choose its masks), whichever batch it is scored in
        Dendrite dropout = new Dendrite();
        dropout.setOptions(Utils.splitOptions("-epochs 5 -S 3 -mc-dropout 12 -layer \"org.dendrite.weka.layer.Dense -units 32 "
                + "-dropout 0.3\""));
        dropout.buildClassifier(data);
        ModelIO.write(dropout.getModel(), dir.resolve("dropout-model.json"));
        DendriteClassificationModel mc = DendriteClassificationModel.fromCoreModel(ModelIO.read(dir.resolve("dropout-model.json")))
                .setMonteCarloPasses(12);
        List<Row> scored = mc.transform(df.limit(20)).select("probability").collectAsList();
        Instances firstRows = new Instances(data, 0, 20);
        double[][] batch = dropout.distributionsForInstances(firstRows);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(batch[i], ((Vector) scored.get(i).get(0)).toArray(), 0, "row " + i);
            assertArrayEquals(batch[i], dropout.distributionForInstance(data.instance(i)), 0, "row " + i);
        }
        // the model read back into Weka draws from the seed it was trained with (3), as Spark does
        Dendrite readBack = Dendrite.fromModel(ModelIO.read(dir.resolve("dropout-model.json")), data);
        readBack.setMonteCarloPasses(12);
        assertEquals(3, readBack.getSeed());
        for (int i = 0; i < 20; i++) assertArrayEquals(batch[i], readBack.distributionForInstance(data.instance(i)), 0, "row " + i);
        // a seed beyond Weka's int (Spark's seed is a long): Weka drew the masks from its default seed instead of the model's
        org.dendrite.core.train.Model longSeed = org.dendrite.core.train.Trainer.fit(org.dendrite.core.train.TrainingConfig.DEFAULT
                .withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(32,
                        new org.dendrite.core.activation.Relu(), null, true, org.dendrite.core.layer.DenseSpec.BatchNorm.NONE, 0.3))))
                .withEpochs(2).withSeed(5_000_000_000L), org.dendrite.weka.InstancesConverter.labeled(data, null));
        Dendrite wekaLong = Dendrite.fromModel(longSeed, data);
        wekaLong.setMonteCarloPasses(12);
        List<Row> sparkLong = DendriteClassificationModel.fromCoreModel(longSeed).setMonteCarloPasses(12).transform(df.limit(20))
                .select("probability").collectAsList();
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(((Vector) sparkLong.get(i).get(0)).toArray(), wekaLong.distributionForInstance(data.instance(i)), 0, "row " + i);
        }
    }

    /**
     * A Weka model with a nominal attribute scored on Spark: with the features' metadata naming the
     * attribute's values in Weka's order, the predictions are Weka's; with them in another order (as
     * a StringIndexer, which orders by frequency, would give them) each index would mean another value,
     * and the model refuses the rows instead of predicting silently wrong classes.
     */
    @Test
    void aWekaModelsNominalAttributeKeepsItsOrderOfValuesOnSpark(@TempDir Path dir) throws Exception {
        java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>(List.of(
                new weka.core.Attribute("color", List.of("red", "green", "blue")), new weka.core.Attribute("x"),
                new weka.core.Attribute("class", List.of("a", "b"))));
        Instances data = new Instances("colors", atts, 0);
        data.setClassIndex(2);
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int color = r.nextInt(3);
            double x = r.nextGaussian();
            data.add(new weka.core.DenseInstance(1, new double[] {color, x, (color == 1) != (x > 0.5) ? 1 : 0}));
            rows.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(color, x)));
        }
        Dendrite weka = new Dendrite();
        weka.setOptions(Utils.splitOptions("-epochs 20"));
        weka.buildClassifier(data);
        ModelIO.write(weka.getModel(), dir.resolve("colors.json"));
        DendriteClassificationModel onSpark = DendriteClassificationModel.fromCoreModel(ModelIO.read(dir.resolve("colors.json")));
        Dataset<Row> plain = SparkTestSupport.spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        java.util.function.Function<String[], Dataset<Row>> withValues = values -> plain.withColumn("features", plain.col("features").as(
                "features", new org.apache.spark.ml.attribute.AttributeGroup("features", new org.apache.spark.ml.attribute.Attribute[] {
                    org.apache.spark.ml.attribute.NominalAttribute.defaultAttr().withName("color").withValues(values),
                    org.apache.spark.ml.attribute.NumericAttribute.defaultAttr().withName("x")}).toMetadata()));
        List<Row> out = onSpark.transform(withValues.apply(new String[] {"red", "green", "blue"})).select("probability").collectAsList();
        for (int i = 0; i < 30; i++) {
            assertArrayEquals(weka.distributionForInstance(data.instance(i)), ((Vector) out.get(i).get(0)).toArray(), 0, "row " + i);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> onSpark.transform(withValues.apply(new String[] {"green", "red", "blue"})));
        assertEquals("Column 'color' names 3 categories in the features' metadata where the model was trained on 3, and they differ "
                + "from index 0 on ('green' there, 'red' in the model); a category is its index, so index the column as the training rows "
                + "were (the StringIndexer model fitted on them; for a model trained in Weka, its attribute's order of values)", e.getMessage());
    }
}
