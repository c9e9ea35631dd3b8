package dev.quarry.slice.lines;

import java.io.IOException;

/**
 * VCF: the '##' meta lines and the '#CHROM' line are the header (copied into every slice); each
 * following line is a variant.
 */
public final class VcfFormat extends RecordFormat {

  @Override
  public String name() {
    return "vcf";
  }

  @Override
  protected void readHeader(RecordInput in, RecordBuffer out) throws IOException {
    while (in.peek() == '#') {
      in.readLine(out);
    }
  }

  @Override
  public ChunkScanner newScanner(long spacing, boolean atLineStart) {
    return new LineScanner(spacing, atLineStart, -1);
  }

  @Override
  public boolean readRecord(RecordInput in, RecordBuffer out) throws IOException {
    return in.readLine(out);
  }
}
