package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML 1.0, UTF-8, through the JDK's StAX writer:
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <customers>
 * <row><id>1</id><name>Ann &amp; Bob</name></row>
 * </customers>
 * }</pre>
 *
 * The root is the table name and each column an element, both made valid by {@link XmlNames}. The
 * declaration and root start tag are written by the first fragment, the root end tag by the last;
 * each row is one line. A null value omits the column's element (an empty string is an empty
 * element), which needs no namespace and keeps null and "" apart.
 *
 * <p>Text: {@code <}, {@code >} and {@code &} are escaped; CR is written as {@code &#13;} since a
 * parser would otherwise turn it into LF; characters XML 1.0 forbids (controls other than tab, LF
 * and CR, unpaired surrogates, U+FFFE, U+FFFF) are replaced by U+FFFD. Values: ISO-8601 dates and
 * times and the number forms of {@link ValueText}, which are valid {@code xs:date}, {@code xs:time},
 * {@code xs:dateTime}, {@code xs:double} and {@code xs:decimal} lexical forms; non-finite doubles are
 * {@code NaN}, {@code INF}, {@code -INF} as in XML Schema.
 */
final class XmlFormat implements OutputFormat {

  private static final long serialVersionUID = 1L;

  // the JDK's own implementation, whatever StAX provider (Woodstox, ...) is on the classpath
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  @Override
  public String name() {
    return "xml";
  }

  @Override
  public String mediaType() {
    return "application/xml";
  }

  @Override
  public String extension() {
    return "xml";
  }

  @Override
  public boolean concatenable() {
    return true;
  }

  @Override
  public RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) throws IOException {
    ValueText.checkSchema(schema);
    OutputColumn[] columns = schema.columns().toArray(OutputColumn[]::new);
    String root = XmlNames.sanitise(schema.table());
    String[] names = XmlNames.sanitiseAll(schema.columns().stream().map(OutputColumn::name).toList(), columns.length);
    if (fragment.first()) {
      // written directly, not by StAX: the root stays open across fragments, which StAX cannot express
      out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + ">\n").getBytes(StandardCharsets.UTF_8));
    }
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      return new Writer(xml, out, columns, names, fragment.last() ? "</" + root + ">\n" : null);
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  public String toString() {
    return name();
  }

  private static final class Writer implements RowWriter {
    private final XMLStreamWriter xml;
    private final OutputStream out;
    private final OutputColumn[] columns;
    private final String[] names;
    private final String epilogue;
    private final ValueText text = new ValueText();

    Writer(XMLStreamWriter xml, OutputStream out, OutputColumn[] columns, String[] names, String epilogue) {
      this.xml = xml;
      this.out = out;
      this.columns = columns;
      this.names = names;
      this.epilogue = epilogue;
    }

    @Override
    public void write(Object[] values) throws IOException {
      ValueText.checkRow(columns, values);
      try {
        xml.writeStartElement("row");
        for (int i = 0; i < columns.length; i++) {
          Object v = values[i];
          if (v == null) {
            continue;
          }
          xml.writeStartElement(names[i]);
          value(columns[i], v);
          xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
      } catch (XMLStreamException e) {
        throw new IOException(e);
      }
    }

    private void value(OutputColumn c, Object v) throws XMLStreamException {
      switch (c.type()) {
        case STRING -> string((String) v);
        case INTEGER -> xml.writeCharacters(text.chars, 0, text.formatLong(((Number) v).longValue()));
        case FLOAT -> {
          double d = ((Number) v).doubleValue();
          if (Double.isFinite(d)) {
            xml.writeCharacters(text.chars, 0, text.formatDouble(d));
          } else {
            xml.writeCharacters(Double.isNaN(d) ? "NaN" : d > 0 ? "INF" : "-INF");
          }
        }
        case DECIMAL -> xml.writeCharacters(((BigDecimal) v).setScale(c.scale(), RoundingMode.HALF_EVEN).toPlainString());
        case BOOLEAN -> xml.writeCharacters((Boolean) v ? "true" : "false");
        case DATE -> xml.writeCharacters(text.chars, 0, text.formatDate((LocalDate) v));
        case TIME -> xml.writeCharacters(text.chars, 0, text.formatTime((LocalTime) v));
        case DATETIME -> xml.writeCharacters(text.chars, 0, text.formatDateTime((LocalDateTime) v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    /** Text as is when every character may appear verbatim (the usual case), else piece by piece. */
    private void string(String s) throws XMLStreamException {
      int n = s.length();
      int i = 0;
      while (i < n && verbatim(s, i)) {
        i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
      }
      if (i == n) {
        xml.writeCharacters(s);
        return;
      }
      char[] chars = s.toCharArray();
      int from = 0;
      while (i < n) {
        if (verbatim(s, i)) {
          i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
          continue;
        }
        xml.writeCharacters(chars, from, i - from);
        if (chars[i] == '\r') {
          xml.writeEntityRef("#13");
        } else {
          xml.writeCharacters("\uFFFD");
        }
        from = ++i;
      }
      xml.writeCharacters(chars, from, n - from);
    }

    /** Whether the character at {@code i} (with its low surrogate, if a pair) is written as is. */
    private static boolean verbatim(String s, int i) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0xD800) {
        return true;
      }
      if (c == '\n' || c == '\t') {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      }
      return c >= 0xE000 && c <= 0xFFFD;
    }

    @Override
    public void close() throws IOException {
      try {
        xml.flush();
        xml.close(); // per StAX, this does not close the stream
        if (epilogue != null) {
          out.write(epilogue.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      } catch (XMLStreamException e) {
        throw new IOException(e);
      }
    }
  }
}
