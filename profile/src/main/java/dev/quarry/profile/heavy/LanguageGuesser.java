package dev.quarry.profile.heavy;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;

/**
 * Guesses a document's language with Lingua. Only common languages are loaded, in low-accuracy
 * mode, and only when a document is first profiled: Lingua with all 75 languages needs ~1.7 GB.
 */
final class LanguageGuesser {

  private static final Language[] LANGUAGES = {
    Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.SWEDISH, Language.POLISH, Language.RUSSIAN,
    Language.GREEK, Language.TURKISH, Language.ARABIC, Language.CHINESE, Language.JAPANESE
  };

  /** Enough text for a stable guess; more only costs time. */
  static final int SAMPLE_CHARS = 10_000;

  private static volatile LanguageDetector detector;

  private LanguageGuesser() {}

  /** An ISO 639-1 code, or null when the text is too short or unclear. */
  static String guess(CharSequence text) {
    if (text.length() < 20) {
      return null;
    }
    Language l = detector().detectLanguageOf(text.toString());
    return l == Language.UNKNOWN ? null : l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  private static LanguageDetector detector() {
    LanguageDetector d = detector;
    if (d == null) {
      synchronized (LanguageGuesser.class) {
        d = detector;
        if (d == null) {
          d = LanguageDetectorBuilder.fromLanguages(LANGUAGES).withLowAccuracyMode().build();
          detector = d;
        }
      }
    }
    return d;
  }
}
