package dev.quarry.transform.spi;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.Task;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The global step of exact deduplication: given the distinct keys of every file, the keys found in
 * more than one file, each with the first file (in job order) that holds it. Everything else a
 * dedup needs is local to one file, so this map, as big as the cross-file duplicates and no
 * bigger, is all that workers share.
 *
 * <p>The local engine does it in this JVM; other engines plug in their own way through {@link
 * Provider} (the Spark engine shuffles the keys, so no machine holds them all).
 */
public interface CrossFileKeys {

  /** A 128-bit key: half a SHA-256 is far beyond collisions for any corpus. */
  record Key(long high, long low) implements Serializable {}

  /** The distinct keys of one file; {@code file} orders files (smaller = earlier in the job). */
  record FileKeys(int file, long[] high, long[] low) implements Serializable {}

  /**
   * Runs {@code perFile} (one task per file) and returns key -> first file, for keys in two or
   * more files. A task failure fails the whole step: a dedup that missed a file would keep its
   * duplicates.
   */
  Map<Key, Integer> find(Engine engine, List<? extends Task<FileKeys>> perFile) throws IOException;

  /** Lets an engine bring its own implementation. */
  interface Provider {
    /** The implementation for {@code engine}, or null if this provider does not know it. */
    CrossFileKeys forEngine(Engine engine);
  }

  /** The implementation for {@code engine}: a provider's, or the in-JVM one. */
  static CrossFileKeys forEngine(Engine engine) {
    for (Provider p : ServiceLoader.load(Provider.class, CrossFileKeys.class.getClassLoader())) {
      CrossFileKeys found = p.forEngine(engine);
      if (found != null) {
        return found;
      }
    }
    return InJvm.INSTANCE;
  }

  /** Collects every file's keys here and folds them in file order. */
  final class InJvm implements CrossFileKeys {
    static final InJvm INSTANCE = new InJvm();

    @Override
    public Map<Key, Integer> find(Engine engine, List<? extends Task<FileKeys>> perFile)
        throws IOException {
      List<FileKeys> all = new ArrayList<>(PrePass.results(engine, perFile, "reading keys of"));
      all.sort((x, y) -> Integer.compare(x.file(), y.file()));
      Map<Key, int[]> seen = new HashMap<>(); // key -> {first file, files holding it}
      for (FileKeys f : all) {
        for (int i = 0; i < f.high().length; i++) {
          int[] s = seen.computeIfAbsent(new Key(f.high()[i], f.low()[i]), k -> new int[] {f.file(), 0});
          s[1]++;
        }
      }
      Map<Key, Integer> cross = new HashMap<>();
      seen.forEach((k, s) -> {
        if (s[1] > 1) {
          cross.put(k, s[0]);
        }
      });
      return cross;
    }
  }
}
