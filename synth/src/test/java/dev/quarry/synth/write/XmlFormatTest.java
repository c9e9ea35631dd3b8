package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

class XmlFormatTest {

  @TempDir Path dir;

  @Test
  void domParserAndXmllintReadBackEveryValue() throws Exception {
    List<Object[]> rows = SampleTable.rows(1300);
    Path file = dir.resolve("sample.xml");
    Files.write(file, SampleTable.write(OutputFormats.XML, SampleTable.SCHEMA, rows));

    Document doc = parse(file);
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("sample_table");
    List<Element> rowElements = children(root);
    assertThat(rowElements).hasSize(rows.size());
    List<OutputColumn> columns = SampleTable.SCHEMA.columns();
    String[] names = {"id", "first_name", "amount", "small", "big", "score", "count", "flag", "day", "at", "order"};
    for (int r = 0; r < rows.size(); r++) {
      Element row = rowElements.get(r);
      assertThat(row.getTagName()).isEqualTo("row");
      List<Element> cells = children(row);
      int cell = 0;
      for (int i = 0; i < columns.size(); i++) {
        Object expected = rows.get(r)[i];
        if (expected == null) {
          continue; // null: the element is omitted
        }
        Element e = cells.get(cell++);
        assertThat(e.getTagName()).isEqualTo(names[i]);
        assertThat(e.getTextContent()).as(names[i] + " of row " + r)
            .isEqualTo(xmlSafe(SampleTable.text(columns.get(i), expected)));
      }
      assertThat(cell).isEqualTo(cells.size());
    }

    Assumptions.assumeTrue(xmllintAvailable(), "xmllint is not installed (Debian: libxml2-utils)");
    Process p = new ProcessBuilder("xmllint", "--noout", file.toString()).redirectErrorStream(true).start();
    String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(messages).isZero();
    assertThat(messages).isEmpty();
  }

  @Test
  void charactersXmlForbidsAreReplacedAndCarriageReturnsSurvive() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(new OutputColumn("s", ValueType.STRING, 0, true)));
    String hostile = "a\u0000b\u0008c\r\nd\uD800e\uDC00f\uFFFEg\uFFFF😀 ]]> <&>";
    Path file = dir.resolve("hostile.xml");
    Files.write(file, SampleTable.write(OutputFormats.XML, schema, List.<Object[]>of(new Object[] {hostile}, new Object[] {""})));
    List<Element> rows = children(parse(file).getDocumentElement());
    assertThat(rows.get(0).getTextContent()).isEqualTo("a\uFFFDb\uFFFDc\r\nd\uFFFDe\uFFFDf\uFFFDg\uFFFD😀 ]]> <&>");
    assertThat(children(rows.get(1))).hasSize(1); // "" is an empty element, unlike null
    assertThat(children(rows.get(1)).get(0).getTextContent()).isEmpty();
  }

  @Test
  void namesAreSanitisedIntoValidDistinctElementNames() {
    assertThat(XmlNames.sanitise("first name")).isEqualTo("first_name");
    assertThat(XmlNames.sanitise("2nd")).isEqualTo("_2nd");
    assertThat(XmlNames.sanitise("-x")).isEqualTo("_-x");
    assertThat(XmlNames.sanitise("a:b")).isEqualTo("a_b");
    assertThat(XmlNames.sanitise("XmlData")).isEqualTo("_XmlData");
    assertThat(XmlNames.sanitise("")).isEqualTo("_");
    assertThat(XmlNames.sanitise("prix $")).isEqualTo("prix__");
    assertThat(XmlNames.sanitise("prix€")).isEqualTo("prix€"); // U+20AC is a NameChar
    assertThat(XmlNames.sanitise("日本")).isEqualTo("日本");
    assertThat(XmlNames.sanitiseAll(List.of("a b", "a_b", "a?b"), 3)).containsExactly("a_b", "a_b_2", "a_b_3");
  }

  /** The documented replacement of characters XML 1.0 cannot carry. */
  private static String xmlSafe(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> out.appendCodePoint(
        c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000
            ? c : 0xFFFD));
    return out.toString();
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(new ErrorHandler() { // any problem, even a warning, fails the test
      @Override public void warning(SAXParseException e) throws SAXParseException { throw e; }
      @Override public void error(SAXParseException e) throws SAXParseException { throw e; }
      @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
    });
    return builder.parse(file.toFile());
  }

  private static List<Element> children(Element parent) {
    NodeList nodes = parent.getChildNodes();
    java.util.ArrayList<Element> out = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e) {
        out.add(e);
      } else {
        assertThat(n.getNodeType()).isEqualTo(Node.TEXT_NODE);
        assertThat(n.getTextContent()).isBlank(); // only the newlines between rows
      }
    }
    return out;
  }

  private static boolean xmllintAvailable() {
    try {
      return new ProcessBuilder("xmllint", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
