package dev.quarry.core.formats.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** The same small workbook written as .xlsx or .xls through POI's common API. */
final class WorkbookFixtures {

  private WorkbookFixtures() {}

  static Path write(Workbook wb, Path path) throws IOException {
    try (wb; OutputStream out = Files.newOutputStream(path)) {
      fill(wb);
      wb.write(out);
    }
    return path;
  }

  /**
   * "People": a title-less header below two empty rows, dates, booleans, formulas (one an error),
   * blank and duplicate header names, an empty row between records and empty rows after them.
   * "Times": date-times, times, a mixed column, integral numbers shown with decimals. "Empty".
   *
   * <p>Dates are after 1900: Excel has no serial number for earlier ones.
   */
  private static void fill(Workbook wb) {
    CreationHelper helper = wb.getCreationHelper();
    CellStyle date = style(wb, "yyyy-mm-dd");
    CellStyle dateTime = style(wb, "yyyy-mm-dd hh:mm:ss");
    CellStyle time = style(wb, "h:mm");
    CellStyle twoDecimals = style(wb, "0.00");
    CellStyle thousands = style(wb, "#,##0");

    Sheet people = wb.createSheet("People");
    people.createRow(1).createCell(0).setCellStyle(date); // styled but empty
    Row header = people.createRow(2);
    String[] names = {"Name", "Born", "Score", "Active", "Total", null, "Name", " Note "};
    for (int c = 0; c < names.length; c++) {
      if (names[c] != null) {
        header.createCell(c).setCellValue(names[c]);
      }
    }
    Row ada = people.createRow(3);
    ada.createCell(0).setCellValue("Ada");
    dated(ada, 1, LocalDate.of(1915, 12, 10), date);
    ada.createCell(2).setCellValue(36);
    ada.createCell(3).setCellValue(true);
    ada.createCell(4).setCellFormula("C4*2");
    ada.createCell(5).setCellValue("x");
    ada.createCell(6).setCellValue("A.");
    ada.createCell(7).setCellValue(1);
    Row grace = people.createRow(4);
    grace.createCell(0).setCellValue("Grace");
    dated(grace, 1, LocalDate.of(1906, 12, 9), date);
    grace.createCell(2).setCellValue(85.5);
    grace.createCell(3).setCellValue(false);
    grace.createCell(4).setCellFormula("C5*2");
    grace.createCell(6).setCellValue("G.");
    grace.createCell(7).setCellValue("text");
    Row linus = people.createRow(6); // row 5 left empty
    linus.createCell(0).setCellValue("Linus");
    dated(linus, 1, LocalDate.of(1969, 12, 28), date);
    linus.createCell(2).setCellValue(3);
    linus.getCell(2).setCellStyle(twoDecimals);
    linus.createCell(3).setCellValue(true);
    linus.createCell(4).setCellFormula("1/0");
    linus.createCell(6).setCellValue("L.");
    linus.createCell(7).setCellValue(true);
    people.createRow(7).createCell(0).setCellValue("");
    people.createRow(9).createCell(3).setCellStyle(twoDecimals);

    Sheet times = wb.createSheet("Times");
    Row th = times.createRow(0);
    th.createCell(0).setCellValue("When");
    th.createCell(1).setCellValue("Clock");
    th.createCell(2).setCellValue("Mixed");
    th.createCell(3).setCellValue("Amount");
    Row t1 = times.createRow(1);
    t1.createCell(0).setCellValue(LocalDateTime.of(2024, 5, 6, 7, 8, 9));
    t1.getCell(0).setCellStyle(dateTime);
    t1.createCell(1).setCellValue(0.5);
    t1.getCell(1).setCellStyle(time);
    t1.createCell(2).setCellValue(42);
    t1.createCell(3).setCellValue(1_234_567);
    t1.getCell(3).setCellStyle(thousands);
    Row t2 = times.createRow(2);
    t2.createCell(0).setCellValue(LocalDateTime.of(2024, 5, 7, 0, 0));
    t2.getCell(0).setCellStyle(dateTime);
    t2.createCell(1).setCellValue(0.75);
    t2.getCell(1).setCellStyle(time);
    t2.createCell(2).setCellValue("forty-two");
    t2.createCell(3).setCellValue(10);
    t2.getCell(3).setCellStyle(twoDecimals);

    wb.createSheet("Empty");
    helper.createFormulaEvaluator().evaluateAll(); // cache formula results, as Excel does on save
  }

  private static CellStyle style(Workbook wb, String format) {
    CellStyle style = wb.createCellStyle();
    style.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(format));
    return style;
  }

  private static void dated(Row row, int column, LocalDate value, CellStyle style) {
    row.createCell(column).setCellValue(value);
    row.getCell(column).setCellStyle(style);
  }
}
