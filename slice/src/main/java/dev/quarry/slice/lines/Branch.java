package dev.quarry.slice.lines;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a chunk scan found under one hypothesis about the state at the chunk's start: how many
 * records start in the chunk, a sample of their offsets (one per {@code spacing} bytes, plus the
 * first), the first malformed spot, and a format-defined mark (the last opening quote in CSV, the
 * last record start in FASTQ) used to name the offset of an error found only at the end.
 */
final class Branch implements Serializable {

  long records;
  long[] anchorOffsets = new long[4];
  long[] anchorOrdinals = new long[4];
  int anchors;
  long errorOffset = -1;
  String error;
  long mark = -1;
  long lastRecordStart = -1;
  private long lastAnchor;

  void recordStart(long position, long spacing) {
    if (anchors == 0 || position - lastAnchor >= spacing) {
      addAnchor(position, records);
      lastAnchor = position;
    }
    lastRecordStart = position;
    records++;
  }

  void error(long position, String message) {
    if (error == null) {
      errorOffset = position;
      error = message;
    }
  }

  private void addAnchor(long offset, long ordinal) {
    if (anchors == anchorOffsets.length) {
      anchorOffsets = Arrays.copyOf(anchorOffsets, anchors * 2);
      anchorOrdinals = Arrays.copyOf(anchorOrdinals, anchors * 2);
    }
    anchorOffsets[anchors] = offset;
    anchorOrdinals[anchors] = ordinal;
    anchors++;
  }

  /** Appends the branch that follows this one in the object. */
  void append(Branch next) {
    if (error == null && next.error != null) {
      errorOffset = next.errorOffset;
      error = next.error;
    }
    for (int i = 0; i < next.anchors; i++) {
      addAnchor(next.anchorOffsets[i], records + next.anchorOrdinals[i]);
    }
    records += next.records;
    if (next.mark >= 0) {
      mark = next.mark;
    }
    if (next.lastRecordStart >= 0) {
      lastRecordStart = next.lastRecordStart;
    }
  }

  long[] offsets() {
    return Arrays.copyOf(anchorOffsets, anchors);
  }

  long[] ordinals() {
    return Arrays.copyOf(anchorOrdinals, anchors);
  }
}
