package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import java.io.IOException;

/**
 * The records under a sheet's header, each value in its column's type. Empty rows between records
 * come out as all-null records, so a record keeps its distance from the header as in the sheet;
 * empty rows after the last record are dropped.
 */
final class SheetRecordReader implements RecordReader {

  private final SheetRows rows;
  private final SheetLayout layout;
  private int lastRowNumber;
  private int blanksPending;
  private SheetRow held; // a row waiting behind the blank rows that precede it

  SheetRecordReader(SheetRows rows, SheetLayout layout) {
    this.rows = rows;
    this.layout = layout;
    this.lastRowNumber = layout.headerRow();
  }

  @Override
  public Schema schema() {
    return layout.schema();
  }

  @Override
  public Object[] next() throws IOException {
    if (layout.headerRow() < 0) {
      return null;
    }
    if (blanksPending > 0) {
      blanksPending--;
      return new Object[layout.schema().size()];
    }
    if (held != null) {
      SheetRow row = held;
      held = null;
      return record(row);
    }
    int blanks = 0;
    for (SheetRow row = rows.next(); row != null; row = rows.next()) {
      if (row.rowNumber() <= layout.headerRow()) {
        continue;
      }
      blanks += row.rowNumber() - lastRowNumber - 1; // rows the file does not store are blank
      lastRowNumber = row.rowNumber();
      if (row.isBlank()) {
        blanks++;
      } else if (blanks > 0) {
        held = row;
        blanksPending = blanks - 1;
        return new Object[layout.schema().size()];
      } else {
        return record(row);
      }
    }
    return null;
  }

  private Object[] record(SheetRow row) {
    Schema schema = layout.schema();
    Object[] out = new Object[schema.size()];
    Object[] cells = row.cells();
    for (int c = 0; c < Math.min(out.length, cells.length); c++) {
      out[c] = CellValues.coerce(cells[c], schema.column(c).type());
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
