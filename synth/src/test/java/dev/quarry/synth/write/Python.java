package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a Python 3 script (the independent reader) and returns its stdout. */
final class Python {

  private Python() {}

  static String run(String script, Path... args) throws IOException, InterruptedException {
    Assumptions.assumeTrue(available(), "python3 is not installed");
    List<String> command = new ArrayList<>(List.of("python3", "-c", script));
    for (Path a : args) {
      command.add(a.toString());
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python3 exit status").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  static boolean available() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
