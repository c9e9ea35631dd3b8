package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SynthesizerTest {

  static String resource(String name) {
    try (InputStream in = SynthesizerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void smoke() {
    Synthesizer s = Synthesizer.parse(resource("issue-example.yaml"));
    System.out.println(s.outputSchema("customers"));
    System.out.println(s.outputSchema("orders"));
    RowIterator it = s.rows("customers", 0, 5);
    while (it.hasNext()) System.out.println(Arrays.toString(it.next()));
    it = s.rows("orders", 0, 5);
    while (it.hasNext()) System.out.println(Arrays.toString(it.next()));
    assertThat(s.tables()).containsExactly("customers", "orders");
  }
}
