package dev.quarry.profile.stats;

/** Croissant {@code @id}s must not contain spaces (the reference validator rejects them). */
public final class FieldIds {

  private FieldIds() {}

  /** Replaces white space and characters that break JSON-LD ids or URLs with '_'. */
  public static String sanitize(String name) {
    if (name == null || name.isEmpty()) {
      return "_";
    }
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(Character.isWhitespace(c) || c == '#' || c == '?' || c == '"' || c == '<'
          || c == '>' || c == '\\' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`'
          ? '_' : c);
    }
    return sb.toString();
  }
}
