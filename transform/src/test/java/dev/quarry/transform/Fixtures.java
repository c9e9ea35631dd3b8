package dev.quarry.transform;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The anchor's fixtures, copied into the test resources from shared/conformance/dpk. */
public final class Fixtures {

  private Fixtures() {}

  public static Path dpk(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/dpk/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture dpk/" + relative, e);
    }
  }
}
