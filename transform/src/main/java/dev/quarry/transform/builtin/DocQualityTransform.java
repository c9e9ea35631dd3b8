package dev.quarry.transform.builtin;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gopher-style quality signals (Rae et al. 2021, "Scaling Language Models", appendix A), one column
 * each, named as the anchor names them: word count (whitespace-separated), mean word length, the
 * share of words holding {@code #} or {@code ...}, sentence count (non-blank pieces between runs of {@code .!?}),
 * lorem-ipsum and curly-bracket ratios (per character), bad words, the share of lines that start
 * with a bullet or end with {@code ...}, the share of words with a letter, and whether at least two
 * common English stop words occur. On the anchor's own data (the filter fixture carries its docq
 * columns) every signal but the sentence count agrees on nearly all documents; see the tests.
 */
public final class DocQualityTransform implements TransformSpec {

  /** Gopher's stop words: a document of natural English contains at least two of them. */
  private static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

  /** Sentences are the non-blank pieces between runs of full stops, question or exclamation marks. */
  private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("[.!?]+");

  private static final String[] BULLETS = {"•", "●", "○", "◦", "▪", "▫", "■", "□", "‣", "⁃", "-", "*", "–", "—"};

  record Signals(long words, double meanWordLength, double symbolToWord, long sentences, double loremIpsum,
      double curlyBrackets, boolean badWord, double bulletLines, double ellipsisLines, double alphabetWords,
      boolean commonEnglish) {}

  @Override
  public String name() {
    return "doc_quality";
  }

  @Override
  public String description() {
    return "adds Gopher-style document quality signals (docq_* columns)";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.of("bad_words", ParamType.STRING_LIST, List.of(), "words that mark a document (lower case)"));
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    String docColumn = params.string("doc_column");
    Set<String> badWords = new HashSet<>();
    params.list("bad_words").forEach(w -> badWords.add(w.toLowerCase(Locale.ROOT)));
    return (batch, file) -> {
      int doc = batch.require(docColumn);
      List<Signals> signals = new ArrayList<>(batch.size());
      for (Object[] row : batch.rows()) {
        String text = Texts.text(row[doc], docColumn);
        signals.add(text == null ? null : measure(text, badWords));
      }
      List<Column> columns = new ArrayList<>();
      List<List<Object>> values = new ArrayList<>();
      add(columns, values, "docq_total_words", ValueType.INTEGER, signals, Signals::words);
      add(columns, values, "docq_mean_word_len", ValueType.FLOAT, signals, Signals::meanWordLength);
      add(columns, values, "docq_symbol_to_word_ratio", ValueType.FLOAT, signals, Signals::symbolToWord);
      add(columns, values, "docq_sentence_count", ValueType.INTEGER, signals, Signals::sentences);
      add(columns, values, "docq_lorem_ipsum_ratio", ValueType.FLOAT, signals, Signals::loremIpsum);
      add(columns, values, "docq_curly_bracket_ratio", ValueType.FLOAT, signals, Signals::curlyBrackets);
      add(columns, values, "docq_contain_bad_word", ValueType.BOOLEAN, signals, Signals::badWord);
      add(columns, values, "docq_bullet_point_ratio", ValueType.FLOAT, signals, Signals::bulletLines);
      add(columns, values, "docq_ellipsis_line_ratio", ValueType.FLOAT, signals, Signals::ellipsisLines);
      add(columns, values, "docq_alphabet_word_ratio", ValueType.FLOAT, signals, Signals::alphabetWords);
      add(columns, values, "docq_contain_common_en_words", ValueType.BOOLEAN, signals, Signals::commonEnglish);
      Batch out = batch.withColumns(columns, values);
      return TransformResult.of(out);
    };
  }

  private static void add(List<Column> columns, List<List<Object>> values, String name, ValueType type,
      List<Signals> signals, java.util.function.Function<Signals, Object> value) {
    List<Object> column = new ArrayList<>(signals.size());
    for (Signals s : signals) {
      column.add(s == null ? null : value.apply(s));
    }
    columns.add(Column.of(name, type));
    values.add(column);
  }

  static Signals measure(String text, Set<String> badWords) {
    String[] words = text.isBlank() ? new String[0] : text.strip().split("\\s+");
    long chars = Math.max(1, text.length());
    long letters = 0;
    long alphabetic = 0;
    int stop = 0;
    Set<String> stopSeen = new HashSet<>();
    boolean bad = false;
    for (String w : words) {
      letters += w.length();
      if (w.codePoints().anyMatch(Character::isLetter)) {
        alphabetic++;
      }
      String lower = w.toLowerCase(Locale.ROOT).replaceAll("^\\p{Punct}+|\\p{Punct}+$", "");
      if (STOP_WORDS.contains(lower) && stopSeen.add(lower)) {
        stop++;
      }
      bad |= badWords.contains(lower);
    }
    int n = Math.max(1, words.length);
    long symbolWords = 0;
    for (String w : words) {
      if (w.contains("#") || w.contains("...")) {
        symbolWords++;
      }
    }
    long sentences = 0;
    for (String piece : SENTENCE_END.split(text)) {
      if (!piece.isBlank()) {
        sentences++;
      }
    }
    String lowerText = text.toLowerCase(Locale.ROOT);
    String[] lines = text.split("\\R");
    long bulletLines = 0;
    long ellipsisLines = 0;
    for (String line : lines) {
      String l = line.strip();
      for (String bullet : BULLETS) {
        if (l.startsWith(bullet)) {
          bulletLines++;
          break;
        }
      }
      if (l.endsWith("...")) {
        ellipsisLines++;
      }
    }
    return new Signals(
        words.length,
        words.length == 0 ? 0 : (double) letters / words.length,
        (double) symbolWords / n,
        sentences,
        (double) count(lowerText, "lorem ipsum") / chars,
        (double) (count(text, "{") + count(text, "}")) / chars,
        bad,
        (double) bulletLines / lines.length,
        (double) ellipsisLines / lines.length,
        (double) alphabetic / n,
        stop >= 2);
  }

  private static long count(String text, String needle) {
    long c = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      c++;
    }
    return c;
  }
}
