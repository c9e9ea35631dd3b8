package dev.quarry.transform.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.transform.run.InvalidJobException;
import dev.quarry.transform.run.ParamParser;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** lang_id, doc_quality and pii_redactor on documents whose answers are known. */
class TextTransformsTest {

  private static final Schema DOCS = new Schema(List.of(Column.of("contents", ValueType.STRING)));

  private static TransformResult apply(TransformSpec spec, Map<String, ?> params, String... docs) throws Exception {
    Params p = ParamParser.parse(spec, params);
    TableTransform t = spec.create(p, null);
    List<Object[]> rows = new ArrayList<>();
    for (String d : docs) {
      rows.add(new Object[] {d});
    }
    return t.transform(new Batch(DOCS, rows), "docs.parquet");
  }

  private static List<Object> column(TransformResult r, String name) {
    Batch b = r.batches().get(0);
    int i = b.require(name);
    return b.rows().stream().map(row -> row[i]).toList();
  }

  @Test
  void langIdNamesTheLanguageWithAConfidence() throws Exception {
    TransformResult r = apply(new LangIdTransform(), Map.of("languages", List.of("en", "de", "fr")),
        "The quick brown fox jumps over the lazy dog and runs into the forest.",
        "Der schnelle braune Fuchs springt über den faulen Hund und läuft in den Wald.",
        "Le renard brun rapide saute par-dessus le chien paresseux et court dans la forêt.",
        null);
    assertThat(column(r, "lang")).containsExactly("en", "de", "fr", null);
    assertThat(column(r, "score")).first().satisfies(s -> assertThat((Double) s).isBetween(0.5, 1.0));
    assertThat(r.metadata()).containsEntry("lang_en", 1L).containsEntry("lang_de", 1L);
  }

  @Test
  void langIdRejectsUnknownOrTooFewLanguagesBeforeRunning() {
    assertThatThrownBy(() -> ParamParser.parse(new LangIdTransform(), Map.of("languages", "[\"en\"]")))
        .isInstanceOf(InvalidJobException.class).hasMessage("languages: name at least two languages to tell apart");
    assertThatThrownBy(() -> ParamParser.parse(new LangIdTransform(), Map.of("languages", "[\"en\", \"xx\"]")))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("'xx'");
  }

  @Test
  void docQualityMeasuresGopherSignals() throws Exception {
    String doc = "The cat sat on the mat.\n• first point\n• second point...\n{x} lorem ipsum #tag";
    DocQualityTransform.Signals s = DocQualityTransform.measure(doc, Set.of("mat"));
    assertThat(s.words()).isEqualTo(16);
    assertThat(s.sentences()).isEqualTo(3); // the last one has no full stop
    assertThat(s.bulletLines()).isEqualTo(0.5);
    assertThat(s.ellipsisLines()).isEqualTo(0.25);
    assertThat(s.symbolToWord()).isEqualTo(2.0 / 16); // "#" and "..."
    assertThat(s.curlyBrackets()).isEqualTo(2.0 / doc.length());
    assertThat(s.loremIpsum()).isEqualTo(1.0 / doc.length());
    assertThat(s.alphabetWords()).isEqualTo(14.0 / 16); // the bullets are not words with letters
    assertThat(s.badWord()).isTrue();
    assertThat(s.commonEnglish()).isFalse(); // only "the" of the stop words

    TransformResult r = apply(new DocQualityTransform(), Map.of(), "The end of the story, and that is all.");
    assertThat(column(r, "docq_total_words")).containsExactly(9L);
    assertThat(column(r, "docq_contain_common_en_words")).containsExactly(true);
  }

  @Test
  void piiRedactorReplacesOnlyValidFindingsAndCountsThem() throws Exception {
    String doc = "Mail ann.lee@example.org or call +1 415-555-0100. Card 4111 1111 1111 1111 paid,"
        + " 4111 1111 1111 1112 did not. IBAN DE89 3704 0044 0532 0130 00 ok, DE00 3704 0044 0532 0130 00 wrong."
        + " Server 192.168.0.12, not 999.1.1.1.";
    TransformResult r = apply(new PiiRedactorTransform(), Map.of("detected_column", "pii"), doc);
    String out = (String) column(r, "contents").get(0);
    assertThat(out).contains("Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>.")
        .contains("Card <CREDIT_CARD> paid").contains("4111 1111 1111 1112 did not")
        .contains("IBAN <IBAN_CODE> ok").contains("DE00 3704 0044 0532 0130 00 wrong")
        .contains("Server <IP_ADDRESS>,").contains("999.1.1.1")
        .doesNotContain("ann.lee").doesNotContain("192.168");
    assertThat(column(r, "pii")).containsExactly("CREDIT_CARD,EMAIL_ADDRESS,IBAN_CODE,IP_ADDRESS,PHONE_NUMBER");
    assertThat(r.metadata()).containsEntry("pii_CREDIT_CARD", 1L).containsEntry("pii_IBAN_CODE", 1L)
        .containsEntry("docs_with_pii", 1L);

    TransformResult removed = apply(new PiiRedactorTransform(),
        Map.of("operator", "redact", "entities", List.of("email_address"), "redacted_column", "clean"),
        "write to bob@example.com now");
    assertThat(column(removed, "clean")).containsExactly("write to  now");
    assertThat(column(removed, "contents")).containsExactly("write to bob@example.com now");
  }

  @Test
  void checksums() {
    assertThat(PiiRedactorTransform.luhn("4111111111111111")).isTrue();
    assertThat(PiiRedactorTransform.luhn("4111111111111112")).isFalse();
    assertThat(PiiRedactorTransform.iban("GB82WEST12345698765432")).isTrue();
    assertThat(PiiRedactorTransform.iban("GB82WEST12345698765433")).isFalse();
  }
}
