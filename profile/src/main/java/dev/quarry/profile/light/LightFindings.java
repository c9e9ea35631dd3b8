package dev.quarry.profile.light;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The files found by light tasks; merging concatenates, reading sorts by listing order. */
final class LightFindings implements Serializable {

  private static final long serialVersionUID = 1L;

  final ArrayList<FoundFile> files = new ArrayList<>();

  static LightFindings of(FoundFile f) {
    LightFindings l = new LightFindings();
    l.files.add(f);
    return l;
  }

  LightFindings merge(LightFindings o) {
    files.addAll(o.files);
    return this;
  }

  List<FoundFile> sorted() {
    List<FoundFile> out = new ArrayList<>(files);
    out.sort(Comparator.comparingInt(FoundFile::index));
    return out;
  }
}
