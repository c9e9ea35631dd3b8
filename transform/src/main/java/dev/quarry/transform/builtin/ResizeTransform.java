package dev.quarry.transform.builtin;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and merges tables to a maximum row count or size. Rows left over from a file are carried
 * into the next file of the same folder; what is left at the end of a folder is written on its own
 * (named after the folder's last file). Sizes follow the anchor: an estimate of each row's Arrow
 * in-memory bytes (text: 4 offset bytes plus its UTF-8 bytes; 8 bytes per 64-bit value; 1 validity
 * byte per row), and with {@code size_type: disk} the limit is doubled, the anchor's assumed ratio
 * of memory to disk size.
 */
public final class ResizeTransform implements TransformSpec {

  private static final double MB = 1024 * 1024;
  private static final double MEMORY_PER_DISK_BYTE = 2;

  @Override
  public String name() {
    return "resize";
  }

  @Override
  public String description() {
    return "splits and merges files to a maximum row count or size";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("max_rows_per_table", ParamType.INT, -1L, "maximum rows per output file"),
        Param.of("max_mbytes_per_table", ParamType.FLOAT, -1.0, "maximum MB per output file"),
        Param.of("size_type", ParamType.STRING, "disk", "disk or memory: how max_mbytes_per_table is measured")
            .withCheck(v -> v.equals("disk") || v.equals("memory") ? null : "must be disk or memory"));
  }

  @Override
  public void validate(Params params) {
    boolean rows = params.integer("max_rows_per_table") > 0;
    boolean bytes = params.number("max_mbytes_per_table") > 0;
    if (rows == bytes) {
      throw new IllegalArgumentException(
          "max_rows_per_table: give exactly one of max_rows_per_table and max_mbytes_per_table (> 0)");
    }
  }

  @Override
  public boolean spansFiles() {
    return true;
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    long maxRows = params.integer("max_rows_per_table");
    double maxBytes = params.number("max_mbytes_per_table") * MB
        * (params.string("size_type").equals("disk") ? MEMORY_PER_DISK_BYTE : 1);
    return new Resizer(maxRows, maxBytes);
  }

  private static final class Resizer implements TableTransform {
    private final long maxRows;
    private final double maxBytes;
    private Schema schema;
    private List<Object[]> buffer = new ArrayList<>();
    /** The pass over the current file's table: rows of the buffer scanned, bytes since the last cut. */
    private String currentFile;
    private int scanned;
    private double current;

    Resizer(long maxRows, double maxBytes) {
      this.maxRows = maxRows;
      this.maxBytes = maxBytes;
    }

    /**
     * The anchor cuts each file's table (the rows left from before, then the file's) in one pass
     * from its first row; a pass over a file's batches in turn makes the same cuts, since each cut
     * depends only on the rows before it. (The anchor first checks that the whole table reaches the
     * limit; if it does not, no prefix does either, so no cut is missed or added.)
     */
    @Override
    public TransformResult transform(Batch batch, String file) {
      if (schema != null && !buffer.isEmpty() && !names(schema).equals(names(batch.schema()))) {
        throw new IllegalArgumentException("cannot merge " + file + " into the rows before it: its columns "
            + names(batch.schema()) + " differ from " + names(schema));
      }
      schema = batch.schema();
      if (!file.equals(currentFile)) { // a new table for the anchor: its pass starts again at row 0
        currentFile = file;
        scanned = 0;
        current = 0;
      }
      buffer.addAll(batch.rows());
      List<Batch> out = new ArrayList<>();
      int start = 0;
      int n = buffer.size();
      if (maxRows > 0) {
        while (n - start >= maxRows) {
          out.add(new Batch(schema, buffer.subList(start, (int) (start + maxRows))));
          start += (int) maxRows;
        }
      } else {
        for (int i = scanned; i < n; i++) {
          current += rowBytes(buffer.get(i));
          if (current >= maxBytes) {
            // as the anchor does: the row that crossed the limit starts the next table, and its
            // bytes are not counted in this pass
            if (i > start) {
              out.add(new Batch(schema, buffer.subList(start, i)));
            }
            start = i;
            current = 0;
          }
        }
      }
      if (start > 0) { // keep only the rest; copying only when something was cut keeps this linear
        buffer = new ArrayList<>(buffer.subList(start, n));
      }
      scanned = buffer.size();
      return new TransformResult(out, java.util.Map.of());
    }

    @Override
    public TransformResult flush() {
      if (buffer.isEmpty()) {
        return TransformResult.none();
      }
      Batch rest = new Batch(schema, buffer);
      buffer = new ArrayList<>();
      scanned = 0;
      current = 0;
      return TransformResult.of(rest);
    }

    private static List<String> names(Schema s) {
      return s.columns().stream().map(Column::name).toList();
    }

    private double rowBytes(Object[] row) {
      double size = 1;
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        size += switch (schema.column(c).type()) {
          case STRING, NESTED -> 4 + (v == null ? 0 : utf8Length((String) v));
          case BYTES -> 4 + (v == null ? 0 : ((byte[]) v).length);
          case DECIMAL -> 16;
          case BOOLEAN -> 1;
          case DATE -> 4;
          default -> 8;
        };
      }
      return size;
    }

    private static int utf8Length(String s) {
      int n = 0;
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch < 0x80) {
          n++;
        } else if (ch < 0x800) {
          n += 2;
        } else if (Character.isHighSurrogate(ch)) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      }
      return n;
    }
  }
}
