package dev.quarry.synth.write;

import java.util.HashSet;
import java.util.Set;

/**
 * Table and column names made into XML element names (XML 1.0 fifth edition {@code Name}, minus
 * {@code :} so namespace-aware parsers accept them). Each character that may not appear becomes
 * {@code _}; a name that would start with a character allowed only later (a digit, {@code -},
 * {@code .}), or with the reserved {@code xml} in any case, gets a leading {@code _}; the empty name
 * becomes {@code _}. Columns whose sanitised names collide get {@code _2}, {@code _3}, ... in order.
 */
final class XmlNames {

  private XmlNames() {}

  static String sanitise(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (out.length() == 0 && !isNameStart(cp)) {
        out.append('_');
        if (isNameChar(cp)) {
          out.appendCodePoint(cp);
        }
        continue;
      }
      if (isNameChar(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.append('_');
      }
    }
    if (out.length() == 0) {
      return "_";
    }
    if (out.length() >= 3 && out.substring(0, 3).equalsIgnoreCase("xml")) {
      out.insert(0, '_');
    }
    return out.toString();
  }

  /** Sanitised names, unique: later duplicates get a numeric suffix. */
  static String[] sanitiseAll(Iterable<String> names, int count) {
    String[] out = new String[count];
    Set<String> taken = new HashSet<>();
    int i = 0;
    for (String name : names) {
      String base = sanitise(name);
      String candidate = base;
      for (int n = 2; !taken.add(candidate); n++) {
        candidate = base + "_" + n;
      }
      out[i++] = candidate;
    }
    return out;
  }

  private static boolean isNameStart(int c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z')
        || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
        || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
  }

  private static boolean isNameChar(int c) {
    return isNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
        || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
  }
}
