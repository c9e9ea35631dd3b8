package dev.quarry.transform.run;

/** A job that must not start: a missing, unknown or malformed parameter. The message names it. */
public final class InvalidJobException extends IllegalArgumentException {

  private final String parameter;

  public InvalidJobException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
