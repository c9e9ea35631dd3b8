package dev.quarry.transform.builtin;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Adds each document's language (ISO 639-1 code, null when undecided) and the detector's confidence
 * in it, using Lingua. Only the models of the languages asked for are loaded (Lingua keeps loaded
 * models in memory for the whole JVM; all languages would take about 1.7 GB of heap).
 */
public final class LangIdTransform implements TransformSpec {

  @Override
  public String name() {
    return "lang_id";
  }

  @Override
  public String description() {
    return "adds the language of each document and a confidence score (Lingua)";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.of("languages", ParamType.STRING_LIST, List.of("en", "de", "fr", "es", "it", "pt", "nl"),
            "ISO 639-1 codes of the languages to tell apart (at least two)")
            .withCheck(LangIdTransform::checkLanguages),
        Param.of("output_lang_column", ParamType.STRING, "lang", "column for the language code"),
        Param.of("output_score_column", ParamType.STRING, "score", "column for the confidence (0..1)"),
        Param.of("min_relative_distance", ParamType.FLOAT, 0.0,
            "how far ahead the best language must be (0..0.99); undecided documents get null")
            .withCheck(v -> ((Number) v).doubleValue() < 0 || ((Number) v).doubleValue() >= 1
                ? "must be in [0, 0.99]" : null));
  }

  @SuppressWarnings("unchecked")
  private static String checkLanguages(Object value) {
    List<String> codes = (List<String>) value;
    if (codes.size() < 2) {
      return "name at least two languages to tell apart";
    }
    for (String c : codes) {
      try {
        IsoCode639_1 code = IsoCode639_1.valueOf(c.trim().toUpperCase(Locale.ROOT));
        if (Language.getByIsoCode639_1(code) == Language.UNKNOWN) {
          return "no language model for '" + c + "'";
        }
      } catch (IllegalArgumentException e) {
        return "'" + c + "' is not an ISO 639-1 code Lingua knows";
      }
    }
    return null;
  }

  /** One detector per language set and distance, shared by the workers of this JVM. */
  private static final Map<String, LanguageDetector> DETECTORS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Lingua keeps models in static maps that it fills lazily; loading them up front, one detector
   * at a time, means workers only ever read those maps while detecting.
   */
  private static LanguageDetector detector(IsoCode639_1[] codes, double distance) {
    IsoCode639_1[] sorted = codes.clone();
    java.util.Arrays.sort(sorted);
    String key = java.util.Arrays.toString(sorted) + "@" + distance;
    return DETECTORS.computeIfAbsent(key, k -> {
      synchronized (DETECTORS) {
        return LanguageDetectorBuilder.fromIsoCodes639_1(sorted)
            .withMinimumRelativeDistance(distance)
            .withPreloadedLanguageModels()
            .build();
      }
    });
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    IsoCode639_1[] codes = params.list("languages").stream()
        .map(c -> IsoCode639_1.valueOf(c.trim().toUpperCase(Locale.ROOT)))
        .toArray(IsoCode639_1[]::new);
    LanguageDetector detector = detector(codes, params.number("min_relative_distance"));
    String docColumn = params.string("doc_column");
    Column langColumn = Column.of(params.string("output_lang_column"), ValueType.STRING);
    Column scoreColumn = Column.of(params.string("output_score_column"), ValueType.FLOAT);
    return (batch, file) -> {
      int doc = batch.require(docColumn);
      List<String> langs = new ArrayList<>(batch.size());
      List<Double> scores = new ArrayList<>(batch.size());
      Map<String, Object> counts = new HashMap<>();
      for (Object[] row : batch.rows()) {
        String text = Texts.text(row[doc], docColumn);
        Language best = text == null ? Language.UNKNOWN : detector.detectLanguageOf(text);
        if (best == Language.UNKNOWN) {
          langs.add(null);
          scores.add(null);
          counts.merge("lang_unknown", 1L, (a, b) -> (Long) a + (Long) b);
          continue;
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
        String code = best.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
        langs.add(code);
        scores.add(confidences.getOrDefault(best, 0.0));
        counts.merge("lang_" + code, 1L, (a, b) -> (Long) a + (Long) b);
      }
      Batch out = batch.withColumns(List.of(langColumn, scoreColumn), List.of(langs, scores));
      return TransformResult.of(out, counts);
    };
  }
}
