package org.dendrite.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A Dendrite object as Spark's data serializer carries it between the driver and the executors (a task's
 * result, a broadcast, a parallelized collection, a cached block written to disk). Under
 * {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} Kryo cannot make the core's Java
 * records (its field serializer takes no record's fields: every fit failed with "Unable to create
 * serializer ... for class ShardPass$Summary"); boxed, Kryo writes the object with Java serialization,
 * and Spark's default Java serializer writes it as it is. Under {@code spark.kryo.registrationRequired=true}
 * this class must be registered ({@code spark.kryo.classesToRegister=org.dendrite.spark.Boxed}), which
 * {@link #requireRegistered} checks before a training job starts.
 */
final class Boxed<T extends Serializable> implements Serializable, KryoSerializable {
    private static final long serialVersionUID = 1L;
    private T value;

    /** For Kryo, which reads the value in {@link #read}. */
    private Boxed() {}

    private Boxed(T value) {
        this.value = value;
    }

    static <T extends Serializable> Boxed<T> of(T value) {
        return new Boxed<>(value);
    }

    T get() {
        return value;
    }

    /** {@code rdd}'s elements on the driver, each through Spark's serializer boxed. */
    static <T extends Serializable> java.util.List<T> collect(org.apache.spark.api.java.JavaRDD<T> rdd) {
        return rdd.map(Boxed::of).collect().stream().map(Boxed::get).toList();
    }

    /** {@code rdd}'s elements merged by Spark's {@code treeReduce} (on the executors first), each through Spark's serializer boxed. */
    static <T extends Serializable> T treeReduce(org.apache.spark.api.java.JavaRDD<T> rdd, org.apache.spark.api.java.function.Function2<T, T, T> merge) {
        return rdd.map(Boxed::of).treeReduce((a, b) -> of(merge.call(a.get(), b.get()))).get();
    }

    /**
     * Refuses, before any job, a Kryo serializer that requires registration and has not registered this
     * class: every task carrying a Boxed would fail with Kryo's "Class is not registered" (on a cluster after
     * its retries), which named neither the setting nor the value. Spark's default Java serializer is not checked.
     */
    static void requireRegistered() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        if (env == null || !(env.serializer() instanceof org.apache.spark.serializer.KryoSerializer)) return;
        try {
            env.serializer().newInstance().serialize(new Boxed<Serializable>(), scala.reflect.ClassTag$.MODULE$.apply(Boxed.class));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || !e.getMessage().contains("not registered")) throw e;
            throw new IllegalStateException("Spark's Kryo serializer requires its classes registered (spark.kryo.registrationRequired=true) "
                    + "and has not registered " + Boxed.class.getName() + ", which carries Dendrite's objects between the driver and the "
                    + "executors: set spark.kryo.classesToRegister=" + Boxed.class.getName() + " (comma-separated beside any classes "
                    + "already listed there)", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        output.writeInt(bytes.size(), true);
        output.writeBytes(bytes.toByteArray());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void read(Kryo kryo, Input input) {
        byte[] bytes = input.readBytes(input.readInt(true));
        // the classes as Kryo finds them (Spark gives it the application's class loader: the user's jars)
        ClassLoader loader = kryo.getClassLoader();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc); // primitive types
                }
            }
        }) {
            value = (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
