package dev.quarry.server.synth;

import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.write.Compression;
import dev.quarry.synth.write.OutputFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated synth request: the schema with the request's overrides applied, the tables to write,
 * and how to write them.
 *
 * @param tables the tables to write, in schema order: the named one, or every table
 * @param async the client asked for a job whatever the size
 * @param rows rows written in all, every table together
 */
public record SynthPlan(Synthesizer synthesizer, List<String> tables, boolean tableNamed,
    OutputFormat format, Compression compression, boolean async, long rows) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

  public long rowsOf(String table) {
    return synthesizer.schema().table(table).rows();
  }

  /**
   * The file a table is written to: {@code <table>.<ext>[.gz|.zst]}. A table whose name is not a
   * plain file name (slashes, dots first, very long) is named by its position instead, so no
   * name can leave the job's folder.
   */
  public String fileName(String table) {
    String base = SAFE_NAME.matcher(table).matches() && !table.contains("..")
        ? table : "table-" + synthesizer.tables().indexOf(table);
    return compression.fileName(base + "." + format.extension());
  }

  /** Whether the body is text (every format but Parquet) and not compressed. */
  public boolean text() {
    return compression == Compression.NONE && !format.name().startsWith("parquet");
  }

  /** The media type of a written file: the format's, or the compression's. */
  public String mediaType() {
    return switch (compression) {
      case NONE -> format.mediaType() + (text() ? "; charset=utf-8" : "");
      case GZIP -> "application/gzip";
      case ZSTD -> "application/zstd";
    };
  }
}
