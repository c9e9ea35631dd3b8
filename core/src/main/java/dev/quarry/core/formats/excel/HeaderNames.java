package dev.quarry.core.formats.excel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Column names from a header row: trimmed text, {@code column_N} for blanks, repeats suffixed. */
final class HeaderNames {

  private HeaderNames() {}

  /** Names for {@code width} columns; N in {@code column_N} is the 1-based column position. */
  static List<String> of(Object[] header, int width) {
    List<String> names = new ArrayList<>(width);
    Set<String> taken = new HashSet<>();
    for (int c = 0; c < width; c++) {
      Object cell = c < header.length ? header[c] : null;
      String name = cell == null ? "" : CellValues.text(cell).strip();
      if (name.isEmpty()) {
        name = "column_" + (c + 1);
      }
      String unique = name;
      for (int n = 2; !taken.add(unique); n++) {
        unique = name + "_" + n;
      }
      names.add(unique);
    }
    return names;
  }
}
