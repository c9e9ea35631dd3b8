package dev.quarry.synth;

import dev.quarry.synth.write.Fragment;
import java.io.Serializable;

/**
 * Rows {@code [from, to)} of a table, the {@code index}-th of {@code count} shards that together
 * cover the table in order. Output of shard i goes before that of shard i + 1.
 */
public record Shard(String table, long from, long to, int index, int count) implements Serializable {

  public Shard {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad row range [" + from + ", " + to + ")");
    }
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("bad shard " + index + " of " + count);
    }
  }

  public long rows() {
    return to - from;
  }

  /** Which part of the whole output this shard writes. */
  public Fragment fragment() {
    return new Fragment(index == 0, index == count - 1, from);
  }
}
