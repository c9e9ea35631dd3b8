package dev.quarry.synth.generate;

import dev.quarry.synth.schema.FieldSpec.FakerField;
import dev.quarry.synth.write.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Faker value pools, built once per JVM for each (field seed, provider, locale, size): every shard
 * of a table runs its own generator, and rebuilding a 65,536-value pool per shard would cost more
 * than the shard. Bounded: the least recently used pools are dropped past {@link #MAX_POOLS}.
 */
final class FakerPools {

  static final int MAX_POOLS = 64;

  private record Key(long fieldKey, String provider, String locale, int size) {}

  private static final Map<Key, Dictionary> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Dictionary> eldest) {
      return size() > MAX_POOLS;
    }
  };

  private FakerPools() {}

  static Dictionary get(FakerField f, long fieldKey, Supplier<Dictionary> build) {
    Key key = new Key(fieldKey, f.provider(), f.locale().toLanguageTag(), f.pool());
    synchronized (POOLS) {
      Dictionary pool = POOLS.get(key);
      if (pool != null) {
        return pool;
      }
    }
    // Built outside the lock: two threads may both build it; they build the same values.
    Dictionary pool = build.get();
    synchronized (POOLS) {
      POOLS.putIfAbsent(key, pool);
      return POOLS.get(key);
    }
  }
}
