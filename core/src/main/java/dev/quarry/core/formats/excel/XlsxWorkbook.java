package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.SAXException;

/**
 * An .xlsx package opened for streaming: the shared strings, number formats and date system that
 * every sheet needs, and one {@link SheetTable} per worksheet whose rows are parsed from the sheet's
 * XML part on demand. Never builds POI's in-memory workbook.
 */
final class XlsxWorkbook implements Closeable {

  /** A cell style's number format: its index and pattern (null when the style has none). */
  record NumberFormat(int index, String pattern) {}

  private static final NumberFormat GENERAL = new NumberFormat(0, "General");

  private final String displayName;
  private final OPCPackage pkg;
  private final SharedStrings sharedStrings;
  private final StylesTable styles;
  private final boolean date1904;
  private final List<Table> sheets = new ArrayList<>();
  private final ConcurrentHashMap<Integer, NumberFormat> formats = new ConcurrentHashMap<>();

  private XlsxWorkbook(String displayName, OPCPackage pkg) throws IOException, OpenXML4JException, SAXException {
    this.displayName = displayName;
    this.pkg = pkg;
    XSSFReader reader = new XSSFReader(pkg);
    this.sharedStrings = new ReadOnlySharedStringsTable(pkg, false);
    this.styles = reader.getStylesTable();
    try (InputStream workbookXml = reader.getWorkbookData()) {
      this.date1904 = usesDate1904(workbookXml);
    }
    XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
    while (it.hasNext()) {
      it.next().close(); // the iterator opens each part; we reopen it for every pass
      PackagePart part = it.getSheetPart();
      String name = it.getSheetName();
      if (part.getContentType().equals(XSSFRelation.CHARTSHEET.getContentType())) {
        continue; // a chart has no cells
      }
      sheets.add(new SheetTable(name, () -> new XlsxSheetRows(this, name, part.getInputStream())));
    }
  }

  /** Opens a local .xlsx read-only; a broken or non-OOXML file is {@link UnreadableInputException}. */
  static XlsxWorkbook open(Path path, String displayName) throws IOException {
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(path.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | OpenXML4JRuntimeException | POIXMLException | IllegalArgumentException e) {
      // IllegalArgumentException includes POI's NotOfficeXmlFileException: a ZIP that is no workbook
      throw new UnreadableInputException(displayName + " is not a readable .xlsx workbook: " + e.getMessage(), e);
    }
    try {
      return new XlsxWorkbook(displayName, pkg);
    } catch (OpenXML4JException | SAXException | POIXMLException | OpenXML4JRuntimeException | IOException e) {
      pkg.revert();
      throw new UnreadableInputException(displayName + " is not a readable .xlsx workbook: " + e.getMessage(), e);
    }
  }

  List<Table> sheets() {
    return sheets;
  }

  String displayName() {
    return displayName;
  }

  boolean date1904() {
    return date1904;
  }

  String sharedString(int index) {
    return sharedStrings.getItemAt(index).getString();
  }

  NumberFormat numberFormat(int styleIndex) {
    if (styles == null || styleIndex == 0) {
      return GENERAL;
    }
    return formats.computeIfAbsent(styleIndex, this::lookUpFormat);
  }

  private NumberFormat lookUpFormat(int styleIndex) {
    XSSFCellStyle style = styleIndex < styles.getNumCellStyles() ? styles.getStyleAt(styleIndex) : null;
    if (style == null) {
      return GENERAL;
    }
    int index = style.getDataFormat();
    String pattern = style.getDataFormatString();
    return new NumberFormat(index, pattern != null ? pattern : BuiltinFormats.getBuiltinFormat(index));
  }

  /** Whether dates count from 1904 ({@code <workbookPr date1904="1"/>}, old Mac workbooks). */
  private static boolean usesDate1904(InputStream workbookXml) throws IOException {
    try {
      XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbookXml);
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if (name.equals("workbookPr")) {
              String v = xml.getAttributeValue(null, "date1904");
              return "1".equals(v) || "true".equalsIgnoreCase(v);
            }
            if (name.equals("sheets")) {
              return false; // workbookPr comes before the sheet list when present
            }
          }
        }
        return false;
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("workbook.xml is not readable: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pkg.revert(); // read-only: close without saving
  }
}
