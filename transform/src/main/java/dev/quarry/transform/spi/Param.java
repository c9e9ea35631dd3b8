package dev.quarry.transform.spi;

import java.util.function.Function;

/**
 * A parameter a transform declares.
 *
 * @param name the anchor's name without a prefix, e.g. {@code doc_column}
 * @param defaultValue the value when none is given; null means required unless {@code optional}
 * @param secret never written to metadata.json or logs
 * @param check returns an error message for a bad (already typed) value, or null when it is fine
 */
public record Param(
    String name,
    ParamType type,
    Object defaultValue,
    boolean optional,
    String help,
    boolean secret,
    Function<Object, String> check) {

  public static Param of(String name, ParamType type, Object defaultValue, String help) {
    return new Param(name, type, defaultValue, defaultValue != null, help, false, v -> null);
  }

  public static Param required(String name, ParamType type, String help) {
    return new Param(name, type, null, false, help, false, v -> null);
  }

  public static Param optional(String name, ParamType type, String help) {
    return new Param(name, type, null, true, help, false, v -> null);
  }

  public Param withCheck(Function<Object, String> newCheck) {
    return new Param(name, type, defaultValue, optional, help, secret, newCheck);
  }

  public Param asSecret() {
    return new Param(name, type, defaultValue, optional, help, true, check);
  }
}
