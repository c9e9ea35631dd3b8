package dev.quarry.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which jars a cluster's executors need to run Quarry's tasks: the entries of this JVM's class path
 * that the cluster's Spark installation does not already provide. A class-path folder (an IDE or a
 * test run: {@code target/classes}) is packed into a temporary jar, since Spark ships only jars.
 *
 * <p>What the cluster provides is known exactly when {@code SPARK_HOME/jars} is readable here (the
 * usual case: the driver runs beside a Spark installation); otherwise Spark's and Scala's own jars
 * are recognised by name, and the rest ship (executors load classes parent-first, so a library the
 * cluster also has is taken from the cluster).
 */
public final class ShippedJars {

  private static final Pattern SPARK_OWN = Pattern.compile(
      "(spark-[a-z-]+_2\\.13|scala-(library|reflect|compiler|parallel-collections_2\\.13)"
          + "|hadoop-client-(api|runtime)|jdk\\.tools)-.*\\.jar");

  private ShippedJars() {}

  /** The jars to ship, given {@code SPARK_HOME} from the environment (may be unset). */
  public static List<String> fromClassPath() {
    String home = System.getenv("SPARK_HOME");
    return fromClassPath(System.getProperty("java.class.path"),
        home == null || home.isBlank() ? null : Path.of(home));
  }

  /** The jars to ship to a cluster whose Spark installation looks like {@code sparkHome}. */
  public static List<String> fromClassPath(Path sparkHome) {
    return fromClassPath(System.getProperty("java.class.path"), sparkHome);
  }

  static List<String> fromClassPath(String classPath, Path sparkHome) {
    Set<String> provided = providedJarNames(sparkHome);
    List<String> ship = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isDirectory(p)) {
        ship.add(packFolder(p).toString());
      } else if (name.endsWith(".jar") && Files.isRegularFile(p)
          && !(provided != null ? provided.contains(name) : SPARK_OWN.matcher(name).matches())) {
        ship.add(p.toAbsolutePath().toString());
      }
    }
    return ship;
  }

  private static Set<String> providedJarNames(Path sparkHome) {
    if (sparkHome == null || !Files.isDirectory(sparkHome.resolve("jars"))) {
      return null;
    }
    try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
      Set<String> names = new HashSet<>();
      jars.forEach(j -> names.add(j.getFileName().toString()));
      return names;
    } catch (IOException e) {
      return null;
    }
  }

  /** A temporary jar holding the folder's files, deleted when this JVM exits. */
  private static Path packFolder(Path folder) {
    try {
      Path jar = Files.createTempFile("quarry-classes-", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream os = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(os);
          Stream<Path> files = Files.walk(folder)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          if (Files.isRegularFile(f)) {
            out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace(File.separatorChar, '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("could not pack " + folder + " into a jar for Spark", e);
    }
  }
}
