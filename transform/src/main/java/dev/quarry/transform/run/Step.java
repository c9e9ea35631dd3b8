package dev.quarry.transform.run;

import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TransformSpec;

/** One transform of a pipeline with its validated parameters. */
public record Step(TransformSpec spec, Params params) {

  public String name() {
    return spec.name();
  }
}
