package dev.quarry.slice.lines;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.SliceFormats;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;

/**
 * Scans bytes {@code [start, end)} of an object with one range read (plus the byte before, to know
 * whether {@code start} begins a line).
 */
record ScanChunkTask(
    FileIO io, Location object, String format, long start, long end, long dataStart, long spacing)
    implements Task<ChunkSet> {

  @Override
  public ChunkSet run(TaskContext context) throws IOException {
    RecordFormat recordFormat = (RecordFormat) SliceFormats.get(format);
    InputFile file = io.newInputFile(object);
    boolean first = start == dataStart;
    long from = first ? start : start - 1;
    try (InputStream in = file.openRange(from, end - from)) {
      boolean atLineStart = first;
      if (!first) {
        int before = in.read();
        if (before < 0) {
          throw new IOException(object + " ended before byte " + start + " (changed while scanning?)");
        }
        atLineStart = before == '\n';
      }
      ChunkScanner scanner = recordFormat.newScanner(spacing, atLineStart);
      byte[] buf = new byte[256 * 1024];
      long position = start;
      int n;
      while (position < end && (n = in.read(buf, 0, (int) Math.min(buf.length, end - position))) > 0) {
        scanner.feed(buf, 0, n, position);
        position += n;
        if (context.isCancelled()) {
          throw new CancellationException("cancelled");
        }
      }
      if (position != end) {
        throw new IOException(
            object + " ended at byte " + position + ", before " + end + " (changed while scanning?)");
      }
      return ChunkSet.of(scanner.finish(start, end));
    }
  }

  @Override
  public String describe() {
    return object.name() + " [" + start + ", " + end + ")";
  }
}
