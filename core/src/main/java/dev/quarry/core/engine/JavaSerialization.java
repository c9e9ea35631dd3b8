package dev.quarry.core.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.List;

/**
 * Copies objects through Java serialization, the way a cluster engine ships tasks to executors and
 * results back. Running local tasks through it proves that they would also run on Spark: a task
 * that captured a stream, a connection or a logger fails here, on a laptop, rather than at submit
 * time on a cluster.
 */
public final class JavaSerialization {

  private JavaSerialization() {}

  /**
   * Serializes {@code value} and reads it back.
   *
   * @return a deep copy of {@code value}, or null for null
   * @throws NotSerializableValueException if {@code value} or anything it references cannot be
   *     serialized or read back; the message names the offending class
   */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(T value) {
    if (value == null) {
      return null;
    }
    byte[] bytes = serialize(value);
    ClassLoader loader = value.getClass().getClassLoader();
    try (ObjectInputStream in = new LoaderAwareInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new NotSerializableValueException(
          value.getClass().getName() + " cannot be read back after serialization: " + e, e);
    }
  }

  /** The serialized form of {@code value}; fails like {@link #roundTrip} does. */
  public static byte[] serialize(Object value) {
    if (value != null && !(value instanceof Serializable)) {
      throw new NotSerializableValueException(
          value.getClass().getName() + " does not implement java.io.Serializable", null);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    } catch (IOException e) {
      // NotSerializableException's message is the class that broke the chain: worth surfacing.
      throw new NotSerializableValueException(
          (value == null ? "null" : value.getClass().getName())
              + " is not serializable: "
              + e,
          e);
    }
    return buffer.toByteArray();
  }

  /**
   * Fails at once, naming the task, if any of {@code tasks} would not ship to a cluster: before a
   * run starts rather than on an executor halfway through it.
   */
  public static void checkTasks(List<? extends Task<?>> tasks) {
    for (int i = 0; i < tasks.size(); i++) {
      Task<?> task = tasks.get(i);
      try {
        serialize(task);
      } catch (NotSerializableValueException e) {
        throw new NotSerializableValueException(
            "Task " + i + " (" + task.getClass().getName() + ") would not ship to a cluster: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** Thrown when a task, merge or result cannot make the trip to a remote executor and back. */
  public static final class NotSerializableValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotSerializableValueException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Resolves classes with the loader of the object that was written first: in containers and test
   * runners the default "latest user-defined loader" may not see the application's classes.
   */
  private static final class LoaderAwareInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderAwareInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // JDK and primitive types: the default resolution knows them.
        }
      }
      return super.resolveClass(desc);
    }
  }
}
