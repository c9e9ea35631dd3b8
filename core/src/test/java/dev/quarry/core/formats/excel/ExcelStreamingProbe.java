package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Table;
import dev.quarry.core.storage.FileIO;

/** Reads every row of an .xlsx in its own small-heap JVM and prints "rows sumOfFirstColumn". */
public final class ExcelStreamingProbe {

  private ExcelStreamingProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = 0;
    long sum = 0;
    try (ExcelTables book = ExcelTables.open(FileIO.unrestricted().newInputFile(args[0]), Format.XLSX)) {
      Table sheet = book.tables().get(0);
      try (RecordReader reader = sheet.open()) {
        for (Object[] row = reader.next(); row != null; row = reader.next()) {
          rows++;
          sum += (Long) row[0];
        }
      }
    }
    System.out.println(rows + " " + sum);
  }
}
