package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sheet as a table. The header is the first row with a value; leading empty rows are skipped.
 *
 * <p>Excel cells carry no column type, and a column's first value says little about the rest (a
 * "Notes" column may start with a number). So the schema comes from one streaming pass over the
 * whole sheet, widening every cell's type as {@link CellValues} describes, done once and kept; every
 * reader then hands out each column's values in that one type. The pass also finds the table's
 * width: columns holding a value to the right of the header get {@code column_N} names, and empty
 * trailing columns are ignored.
 */
final class SheetTable implements Table {

  private final String name;
  private final SheetRows.Source source;
  private SheetLayout layout;

  SheetTable(String name, SheetRows.Source source) {
    this.name = name;
    this.source = source;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema schema() throws IOException {
    return layout().schema();
  }

  @Override
  public RecordReader open() throws IOException {
    SheetLayout l = layout();
    return new SheetRecordReader(source.open(), l);
  }

  private synchronized SheetLayout layout() throws IOException {
    if (layout == null) {
      layout = scan();
    }
    return layout;
  }

  private SheetLayout scan() throws IOException {
    try (SheetRows rows = source.open()) {
      SheetRow header = null;
      ValueType[] types = new ValueType[0];
      int width = 0;
      for (SheetRow row = rows.next(); row != null; row = rows.next()) {
        if (header == null) {
          header = row.isBlank() ? null : row;
          continue;
        }
        int w = row.width();
        if (w > types.length) {
          types = Arrays.copyOf(types, Math.max(w, types.length * 2));
        }
        width = Math.max(width, w);
        for (int c = 0; c < w; c++) {
          Object cell = row.cells()[c];
          if (cell != null) {
            types[c] = CellValues.widen(types[c], CellValues.typeOf(cell));
          }
        }
      }
      if (header == null) {
        return new SheetLayout(-1, new Schema(List.of()));
      }
      width = Math.max(width, header.width());
      List<String> names = HeaderNames.of(header.cells(), width);
      List<Column> columns = new ArrayList<>(width);
      for (int c = 0; c < width; c++) {
        ValueType type = c < types.length && types[c] != null ? types[c] : ValueType.STRING;
        columns.add(Column.of(names.get(c), type));
      }
      return new SheetLayout(header.rowNumber(), new Schema(columns));
    }
  }
}
