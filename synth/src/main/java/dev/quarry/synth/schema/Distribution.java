package dev.quarry.synth.schema;

import java.io.Serializable;

/**
 * How numeric (and temporal) values spread over {@code [min, max]}. Draws that fall outside the
 * range are redrawn a bounded number of times from the same row's stream, then clamped, so the
 * result stays a pure function of the row.
 */
public sealed interface Distribution extends Serializable {

  Uniform UNIFORM = new Uniform();

  record Uniform() implements Distribution {}

  record Normal(double mean, double stddev) implements Distribution {}

  /** {@code min + X} with {@code X ~ Exp(rate)}: most values near min, a long tail towards max. */
  record Exponential(double rate) implements Distribution {}

  /** Rank {@code k = 1..n} over the integers of the range with weight {@code 1 / k^exponent}. */
  record Zipf(double exponent) implements Distribution {}
}
