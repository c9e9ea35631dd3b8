package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.UnreadableInputException;
import java.io.IOException;
import org.apache.parquet.ParquetRuntimeException;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.MessageColumnIO;

/** Streams the rows of a run of consecutive row groups, one row group's pages in memory at a time. */
final class ParquetRecordReader implements RecordReader {

  private final String fileName;
  private final ParquetFileReader reader;
  private final RangeSeekableInputStream stream;
  private final MessageColumnIO columnIO;
  private final RowMaterializer materializer;
  private final Schema schema;
  private int groupsLeft;
  private org.apache.parquet.io.RecordReader<Object[]> rows;
  private long rowsLeftInGroup;

  ParquetRecordReader(
      String fileName,
      ParquetFileReader reader,
      RangeSeekableInputStream stream,
      MessageColumnIO columnIO,
      Schema schema,
      int groupCount) {
    this.fileName = fileName;
    this.reader = reader;
    this.stream = stream;
    this.columnIO = columnIO;
    this.materializer = new RowMaterializer(reader.getFileMetaData().getSchema());
    this.schema = schema;
    this.groupsLeft = groupCount;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Object[] next() throws IOException {
    try {
      while (rowsLeftInGroup == 0) {
        if (groupsLeft == 0) {
          return null;
        }
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          groupsLeft = 0;
          return null;
        }
        groupsLeft--;
        rowsLeftInGroup = pages.getRowCount();
        rows = columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
      }
      rowsLeftInGroup--;
      return rows.read();
    } catch (ParquetRuntimeException e) {
      throw new UnreadableInputException(fileName + ": corrupt Parquet data: " + e.getMessage(), e);
    }
  }

  @Override
  public long bytesRead() {
    return stream.bytesRead();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
