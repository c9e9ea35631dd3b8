package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;

/**
 * Pulls the rows of one .xlsx worksheet out of its XML with StAX, one {@code <row>} at a time.
 *
 * <p>Why StAX rather than POI's SAX {@code XSSFSheetXMLHandler}: that handler pushes cells as
 * <em>display strings</em> formatted by a {@code DataFormatter}, losing the stored number, and being
 * push-style it would need a producer thread and a hand-off queue to serve the pull-style {@code
 * RecordReader} (with the thread to stop when a caller abandons a reader half way). A pull parser
 * reads the next row exactly when asked for it, on the caller's thread, and sees the raw cell
 * value, type and style; the interpretation of those is a handful of cases (below).
 */
final class XlsxSheetRows implements SheetRows {

  private final XlsxWorkbook workbook;
  private final String sheetName;
  private final InputStream in;
  private final XMLStreamReader xml;
  private int lastRow = -1;

  XlsxSheetRows(XlsxWorkbook workbook, String sheetName, InputStream in) throws IOException {
    this.workbook = workbook;
    this.sheetName = sheetName;
    this.in = in;
    try {
      this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      in.close();
      throw unreadable(e);
    }
  }

  @Override
  public SheetRow next() throws IOException {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
          return readRow();
        }
      }
      return null;
    } catch (XMLStreamException | RuntimeException e) {
      throw unreadable(e);
    }
  }

  private SheetRow readRow() throws XMLStreamException {
    String r = xml.getAttributeValue(null, "r");
    int rowNumber = r != null ? Integer.parseInt(r) - 1 : lastRow + 1;
    lastRow = rowNumber;
    Object[] cells = new Object[16];
    int width = 0;
    int column = -1;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
        String ref = xml.getAttributeValue(null, "r");
        column = ref != null ? columnOf(ref) : column + 1;
        Object value = readCell();
        if (value != null) {
          if (column >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
          }
          cells[column] = value;
          width = Math.max(width, column + 1);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
        break;
      }
    }
    return new SheetRow(rowNumber, Arrays.copyOf(cells, width));
  }

  private static int columnOf(String ref) {
    int letters = 0;
    while (letters < ref.length() && Character.isLetter(ref.charAt(letters))) {
      letters++;
    }
    return CellReference.convertColStringToIndex(ref.substring(0, letters));
  }

  /** Reads a {@code <c>} element through its end tag and returns its value, or null. */
  private Object readCell() throws XMLStreamException {
    String type = xml.getAttributeValue(null, "t");
    String style = xml.getAttributeValue(null, "s");
    String stored = null;
    String inline = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "v":
            stored = xml.getElementText();
            break;
          case "is":
            inline = readInlineString();
            break;
          case "f":
            xml.getElementText(); // the formula; its cached result is in <v>
            break;
          default:
            break;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
        break;
      }
    }
    return value(type == null ? "n" : type, style, stored, inline);
  }

  private Object value(String type, String style, String stored, String inline) {
    switch (type) {
      case "inlineStr":
        return emptyToNull(inline != null ? inline : stored);
      case "s":
        return stored == null ? null : emptyToNull(workbook.sharedString(Integer.parseInt(stored.trim())));
      case "str": // a formula's text result
        return emptyToNull(stored);
      case "b":
        return stored == null ? null : stored.trim().equals("1") || stored.trim().equalsIgnoreCase("true");
      case "e": // #DIV/0!, #N/A...: no value
        return null;
      case "d": // ISO 8601, written by strict-mode producers
        return stored == null ? null : isoDate(stored.trim());
      default:
        if (stored == null || stored.isBlank()) {
          return null; // a styled but empty cell
        }
        XlsxWorkbook.NumberFormat format = workbook.numberFormat(style == null ? 0 : Integer.parseInt(style));
        return CellValues.number(
            Double.parseDouble(stored), format.index(), format.pattern(), workbook.date1904());
    }
  }

  private static Object isoDate(String text) {
    if (text.indexOf('T') < 0) {
      return LocalDate.parse(text);
    }
    LocalDateTime dateTime = LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text);
    return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT) ? dateTime.toLocalDate() : dateTime;
  }

  /** The text of {@code <is>}: its runs' {@code <t>}, leaving out phonetic hints ({@code <rPh>}). */
  private String readInlineString() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int phoneticDepth = 0;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = xml.getLocalName();
        if (name.equals("rPh")) {
          phoneticDepth++;
        } else if (name.equals("t")) {
          String t = xml.getElementText();
          if (phoneticDepth == 0) {
            text.append(t);
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        String name = xml.getLocalName();
        if (name.equals("rPh")) {
          phoneticDepth--;
        } else if (name.equals("is")) {
          break;
        }
      }
    }
    return text.toString();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private UnreadableInputException unreadable(Exception e) {
    return new UnreadableInputException(
        workbook.displayName() + ": sheet '" + sheetName + "' is not readable: " + e.getMessage(), e);
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // closing a parser releases nothing we need; the stream is closed below regardless
    } finally {
      in.close();
    }
  }
}
