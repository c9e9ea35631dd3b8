package dev.quarry.synth.write;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of a written stream. {@link #wrap} follows the usual decorator contract: closing the
 * returned stream finishes the compressed data and closes the stream it wraps.
 *
 * <p>Shards: gzip members and zstd frames may be concatenated, and a multi-member gzip or
 * multi-frame zstd file decompresses to the concatenation of its parts (RFC 1952 §2.2; zstd
 * format §2). So compressing each fragment separately and concatenating the results is valid, and
 * what is guaranteed across shard counts is the identity of the <em>decompressed</em> bytes; the
 * compressed bytes depend on where the shard boundaries fall. For byte-identical compressed files,
 * concatenate uncompressed fragments through one compressing stream. Output of one stream is
 * deterministic: gzip headers carry no name and a zero timestamp.
 */
public enum Compression {
  NONE("", "none"),
  GZIP("gz", "gzip"),
  ZSTD("zst", "zstd");

  /** zstd's default level: a good speed/ratio balance, several hundred MB/s per core. */
  public static final int ZSTD_LEVEL = 3;

  private final String extension;
  private final String id;

  Compression(String extension, String id) {
    this.extension = extension;
    this.id = id;
  }

  /** The name users give: {@code none}, {@code gzip}, {@code zstd}. */
  public String id() {
    return id;
  }

  /** The file suffix without dot ({@code gz}, {@code zst}), empty for NONE. */
  public String extension() {
    return extension;
  }

  /** {@code base} with this compression's suffix: {@code part-0.csv} → {@code part-0.csv.gz}. */
  public String fileName(String base) {
    return this == NONE ? base : base + "." + extension;
  }

  /** A compressing stream over {@code out} (for NONE, {@code out} itself). */
  public OutputStream wrap(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> new GZIPOutputStream(out, 1 << 16);
      case ZSTD -> {
        ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
        zstd.setChecksum(true); // a truncated or damaged file fails to decompress instead of passing
        yield zstd;
      }
    };
  }

  /** By {@link #id()} or extension, case-insensitive; {@code gz}, {@code zst} accepted too. */
  public static Compression byName(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c.id.equals(key) || (!c.extension.isEmpty() && c.extension.equals(key))) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown compression '" + name + "'; valid: "
        + Arrays.stream(values()).map(Compression::id).collect(Collectors.joining(", ")));
  }
}
