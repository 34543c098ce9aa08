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
 * and Spark's default Java serializer writes it as it is.
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
