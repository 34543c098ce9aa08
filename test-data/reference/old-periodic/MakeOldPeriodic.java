import java.nio.file.Path;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.io.CheckpointIO;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.PeriodicEmbeddingSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.testutil.TestData;

/**
 * Writes, with the code of commit 774f240 (the last before periodic embeddings listed their inputs,
 * model format version 4), a checkpoint of a network with a periodic embedding on credit-g (13 nominal
 * attributes, so embedding every input differs from embedding the numeric ones) stopped after 3 of 6
 * epochs, and the model of the same configuration trained without a stop. Run from the repository
 * root of a checkout of 774f240 after `mvn -o -q -DskipTests package`:
 *
 *   java -Ddendrite.testData=test-data -cp shared-core/target/classes:shared-core/target/test-classes:JACKSON_AND_BLAS_JARS \
 *       MakeOldPeriodic.java CHECKPOINT.json MODEL.json
 *
 * The configuration is written out again in CheckpointIOTest.oldPeriodicConfig().
 */
public class MakeOldPeriodic {
    public static void main(String[] args) throws Exception {
        LabeledTable credit = TestData.arff("credit-g.arff").labeled();
        TrainingConfig config = TrainingConfig.DEFAULT.withEpochs(6).withBatchSize(64).withOptimizer(new Adam(1e-2))
                .withNetwork(new NetworkSpec(List.of(new PeriodicEmbeddingSpec(4, 2, 0.1), new DenseSpec(8, new Relu()))));
        TrainingRun run = TrainingRun.local(config, credit);
        for (int e = 0; e < 3; e++) run.nextEpoch();
        CheckpointIO.write(run.checkpoint(), Path.of(args[0]));
        ModelIO.write(Trainer.fit(config, credit), Path.of(args[1]));
    }
}
