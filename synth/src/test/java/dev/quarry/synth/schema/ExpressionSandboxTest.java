package dev.quarry.synth.schema;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expressions that try to leave the sandbox are refused when the schema is validated. */
class ExpressionSandboxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "''.getClass().forName('java.lang.Runtime')",
        "amount.getClass()",
        "new('java.io.File', '/etc/passwd')",
        "java.lang.System.exit(1)",
        "java.lang.System",
        "amount.class",
        "amount.class.forName('java.lang.Runtime')",
        "x = 1",
        "var y = 2; y",
        "for (var i : [1,2,3]) { amount }",
        "while (true) { 1 }",
        "(x) -> x",
        "#pragma jexl.import java.io\\n1",
        "new('java.io.FileInputStream', '/etc/passwd').read()",
      })
  void escapesAreRefusedNamingTheField(String expr) {
    String yaml =
        "tables: {t: {rows: 3, fields: {amount: {kind: decimal}, e: {kind: expr, expr: \""
            + expr.replace("\"", "\\\"")
            + "\"}}}}";
    assertThatThrownBy(() -> SchemaParser.parse(yaml))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("tables.t.fields.e.expr: ");
  }
}
