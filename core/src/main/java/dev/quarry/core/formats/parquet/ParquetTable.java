package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file as a {@link Table}, read through parquet-java over Quarry storage by byte ranges:
 * opening reads only the footer; reading fetches the column chunks of the row groups asked for.
 *
 * <p>Immutable once open: readers may be opened concurrently, e.g. one per row group.
 */
public final class ParquetTable implements Table {

  private final InputFile file;
  private final ParquetMetadata footer;
  private final Schema schema;
  private final List<ParquetRowGroup> rowGroups;
  private final List<ParquetColumnStats> columnStats;

  private ParquetTable(InputFile file, ParquetMetadata footer) {
    this.file = file;
    this.footer = footer;
    this.schema = new Schema(new RowMaterializer(footer.getFileMetaData().getSchema()).columns());
    this.rowGroups = FooterStats.rowGroups(footer.getBlocks(), schema.columns());
    this.columnStats = FooterStats.merged(footer.getBlocks(), schema.columns());
  }

  /** Reads the footer (two ranged reads at the end of the file) and nothing else. */
  public static ParquetTable open(InputFile file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new RangeInputFile(file), options())) {
      return new ParquetTable(file, reader.getFooter());
    } catch (RuntimeException e) {
      // parquet-java reports a wrong magic number, a short file or a bad footer as RuntimeException
      throw new UnreadableInputException(
          file.location() + " is not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  private static ParquetReadOptions options() {
    return ParquetReadOptions.builder().build();
  }

  @Override
  public String name() {
    return file.location().name();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /** Rows in the file, from the footer. */
  public long rowCount() {
    return rowGroups.stream().mapToLong(ParquetRowGroup::rowCount).sum();
  }

  public List<ParquetRowGroup> rowGroups() {
    return rowGroups;
  }

  /** File-wide footer statistics of each flat (non-NESTED) column, in schema order. */
  public List<ParquetColumnStats> columnStats() {
    return columnStats;
  }

  /** The writer, e.g. {@code parquet-mr version 1.13.1} or {@code DuckDB}; null if not recorded. */
  public String createdBy() {
    return footer.getFileMetaData().getCreatedBy();
  }

  /** The footer's key/value metadata (pandas, Arrow and Spark keep their schemas here). */
  public Map<String, String> keyValueMetadata() {
    return footer.getFileMetaData().getKeyValueMetaData();
  }

  @Override
  public RecordReader open() throws IOException {
    return open(0, rowGroups.size());
  }

  /**
   * Reads only row groups {@code [firstRowGroup, firstRowGroup + rowGroupCount)}; the bytes of the
   * others are never requested.
   */
  public RecordReader open(int firstRowGroup, int rowGroupCount) throws IOException {
    if (firstRowGroup < 0 || rowGroupCount < 0 || firstRowGroup + rowGroupCount > rowGroups.size()) {
      throw new IndexOutOfBoundsException(
          "row groups [" + firstRowGroup + ", " + (firstRowGroup + rowGroupCount) + ") of "
              + rowGroups.size() + " in " + file.location());
    }
    RangeInputFile input = new RangeInputFile(file);
    RangeSeekableInputStream stream = input.newStream();
    ParquetFileReader reader = ParquetFileReader.open(input, footer, options(), stream);
    try {
      for (int i = 0; i < firstRowGroup; i++) {
        reader.skipNextRowGroup(); // moves an index only: skipped groups are never read
      }
      FileMetaData meta = footer.getFileMetaData();
      MessageType fileSchema = meta.getSchema();
      MessageColumnIO columnIO = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(fileSchema);
      return new ParquetRecordReader(
          file.location().toString(), reader, stream, columnIO, schema, rowGroupCount);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }
}
