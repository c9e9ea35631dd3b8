package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Table;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A legacy .xls (BIFF8) workbook, loaded whole with HSSF. Loading is acceptable here: the format
 * caps a sheet at 65 536 rows and 256 columns, and HSSF has no practical streaming reader that
 * gives typed cell values. Cell values follow {@link CellValues}, as for .xlsx.
 */
final class XlsWorkbook implements Closeable {

  private final POIFSFileSystem fs;
  private final HSSFWorkbook workbook;
  private final List<Table> sheets = new ArrayList<>();
  private final boolean date1904;

  /** Takes ownership of {@code fs}; throws POI's exceptions for encrypted or broken files. */
  XlsWorkbook(POIFSFileSystem fs) throws IOException {
    this.fs = fs;
    this.workbook = new HSSFWorkbook(fs.getRoot(), true);
    this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
    for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
      Sheet sheet = workbook.getSheetAt(i);
      sheets.add(new SheetTable(sheet.getSheetName(), () -> new Rows(sheet)));
    }
  }

  List<Table> sheets() {
    return sheets;
  }

  @Override
  public void close() throws IOException {
    try {
      workbook.close();
    } finally {
      fs.close();
    }
  }

  private final class Rows implements SheetRows {
    private final Iterator<Row> rows;

    Rows(Sheet sheet) {
      this.rows = sheet.rowIterator();
    }

    @Override
    public SheetRow next() {
      if (!rows.hasNext()) {
        return null;
      }
      Row row = rows.next();
      Object[] cells = new Object[Math.max(row.getLastCellNum(), 0)];
      for (Cell cell : row) {
        cells[cell.getColumnIndex()] = value(cell);
      }
      return new SheetRow(row.getRowNum(), cells);
    }

    private Object value(Cell cell) {
      CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
      switch (type) {
        case NUMERIC:
          CellStyle style = cell.getCellStyle();
          return CellValues.number(
              cell.getNumericCellValue(),
              style.getDataFormat(),
              style.getDataFormatString(),
              date1904);
        case STRING:
          String text = cell.getRichStringCellValue().getString();
          return text.isEmpty() ? null : text;
        case BOOLEAN:
          return cell.getBooleanCellValue();
        default:
          return null; // blank, error
      }
    }

    @Override
    public void close() {}
  }
}
