package dev.quarry.core.formats.excel;

/**
 * One row of a sheet as stored: its 0-based row number and its cells' values by 0-based column,
 * null where a cell is blank; the array ends at the last cell the file holds for the row.
 */
record SheetRow(int rowNumber, Object[] cells) {

  boolean isBlank() {
    for (Object cell : cells) {
      if (cell != null) {
        return false;
      }
    }
    return true;
  }

  /** One past the last column with a value, 0 for a blank row. */
  int width() {
    for (int i = cells.length - 1; i >= 0; i--) {
      if (cells[i] != null) {
        return i + 1;
      }
    }
    return 0;
  }
}
