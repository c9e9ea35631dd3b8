package dev.quarry.core.formats;

import java.io.IOException;

/** A table inside a source: a CSV file, an Excel sheet, a JSON collection, a Parquet file. */
public interface Table {

  /** The table's name: the file name for single-table files, the sheet or table name otherwise. */
  String name();

  /** The declared schema where the format has one, or the one found in the first records. */
  Schema schema() throws IOException;

  /** A new reader from the first record. */
  RecordReader open() throws IOException;
}
