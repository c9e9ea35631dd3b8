package dev.quarry.synth.generate;

/** A value could not be generated (an expression failed on a row); the message names the field. */
public final class GenerationException extends RuntimeException {

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
