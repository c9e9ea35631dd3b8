package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.parquet.ParquetTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter fixture carries the anchor's own doc_quality and language columns for its 100
 * documents: Quarry's doc_quality and lang_id, run on the same text, must agree with them (floats
 * within 1%).
 */
class AnchorSignalsTest {

  @TempDir Path out;

  @Test
  void agreesWithTheAnchorsSignalsOnItsOwnDocuments() throws Exception {
    Path input = Fixtures.dpk("filter/test-data/input/test1.parquet");
    Jobs.run("doc_quality", input.getParent(), out, Map.of("doc_column", "contents"));
    ParquetTable anchor = ParquetTable.open(OutputFolders.input(input));
    ParquetTable ours = ParquetTable.open(OutputFolders.input(out.resolve("test1.parquet")));
    List<Object[]> a = OutputFolders.rows(anchor);
    List<Object[]> b = OutputFolders.rows(ours);
    assertThat(agreement("docq_total_words", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_mean_word_len", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_symbol_to_word_ratio", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_lorem_ipsum_ratio", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_curly_bracket_ratio", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_ellipsis_line_ratio", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_alphabet_word_ratio", anchor, ours, a, b)).isEqualTo(100);
    assertThat(agreement("docq_contain_common_en_words", anchor, ours, a, b)).isEqualTo(100);
    // the anchor's line splitting and sentence splitting differ in details we could not pin down
    assertThat(agreement("docq_bullet_point_ratio", anchor, ours, a, b)).isGreaterThanOrEqualTo(98);
    assertThat(agreement("docq_sentence_count", anchor, ours, a, b)).isGreaterThanOrEqualTo(90);
  }

  @Test
  void langIdAgreesWithTheAnchorsLanguages() throws Exception {
    Path input = Fixtures.dpk("filter/test-data/input/test1.parquet");
    Jobs.run("lang_id", input.getParent(), out, Map.of("doc_column", "contents"));
    ParquetTable anchor = ParquetTable.open(OutputFolders.input(input));
    ParquetTable ours = ParquetTable.open(OutputFolders.input(out.resolve("test1.parquet")));
    List<Object[]> a = OutputFolders.rows(anchor);
    List<Object[]> b = OutputFolders.rows(ours);
    int ia = anchor.schema().indexOf("ft_lang");
    int ib = ours.schema().indexOf("lang");
    int same = 0;
    for (int r = 0; r < a.size(); r++) {
      if (a.get(r)[ia].equals(b.get(r)[ib])) {
        same++;
      }
    }
    assertThat(same).isGreaterThanOrEqualTo(98); // fastText (the anchor) and Lingua on 100 English pages
  }

  private static int agreement(String column, ParquetTable anchor, ParquetTable ours, List<Object[]> a, List<Object[]> b) {
    int ia = anchor.schema().indexOf(column);
    int ib = ours.schema().indexOf(column);
    int same = 0;
    for (int r = 0; r < a.size(); r++) {
      Object x = a.get(r)[ia];
      Object y = b.get(r)[ib];
      boolean equal = x instanceof Double d
          ? Math.abs(d - (Double) y) <= 0.01 * Math.abs(d) + 1e-12
          : java.util.Objects.equals(x, y);
      if (equal) {
        same++;
      }
    }
    return same;
  }
}
