package dev.quarry.profile.heavy;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.TextDocument;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.profile.DocumentProfile;
import java.io.IOException;
import java.io.Reader;

/** Profiles one text or PDF document: pages, characters, words, lines, language, metadata. */
final class DocumentTask implements Task<HeavyFindings> {

  private static final long serialVersionUID = 1L;

  private final FileIO io;
  private final SourceFile source;

  DocumentTask(FileIO io, SourceFile source) {
    this.io = io;
    this.source = source;
  }

  @Override
  public HeavyFindings run(TaskContext context) throws IOException {
    HeavyFindings out = new HeavyFindings();
    InputFile file = source.open(io);
    try (TextDocument doc = Formats.openDocument(file, source.format()); Reader text = doc.text()) {
      TextCounter counter = new TextCounter(LanguageGuesser.SAMPLE_CHARS);
      char[] buf = new char[8192];
      int n;
      while ((n = text.read(buf)) > 0) {
        counter.add(buf, n);
        if (context.isCancelled()) {
          break;
        }
      }
      out.documents.add(new DocumentProfile(source.fileId(), doc.pages(), counter.characters(),
          counter.words(), counter.lines(), LanguageGuesser.guess(counter.sample()),
          doc.metadata()));
    } catch (UnreadableInputException e) {
      out.warnings.add(e.getMessage()); // names the file already
    }
    return out;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  /** Counts characters, words (runs of letters or digits) and lines, keeping the first few for language. */
  static final class TextCounter {
    private final StringBuilder sample;
    private final int sampleLimit;
    private long characters;
    private long words;
    private long lines;
    private boolean inWord;
    private boolean lineHasText;

    TextCounter(int sampleLimit) {
      this.sampleLimit = sampleLimit;
      this.sample = new StringBuilder(Math.min(sampleLimit, 1024));
    }

    void add(char[] buf, int n) {
      for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\r') {
          continue;
        }
        characters++;
        if (c == '\n') {
          lines++;
          lineHasText = false;
        } else {
          lineHasText = true;
        }
        boolean wordChar = Character.isLetterOrDigit(c);
        if (wordChar && !inWord) {
          words++;
        }
        inWord = wordChar;
      }
      if (sample.length() < sampleLimit) {
        sample.append(buf, 0, Math.min(n, sampleLimit - sample.length()));
      }
    }

    long characters() {
      return characters;
    }

    long words() {
      return words;
    }

    /** Lines, counting a last line without a newline. */
    long lines() {
      return lines + (lineHasText ? 1 : 0);
    }

    CharSequence sample() {
      return sample;
    }
  }
}
