package dev.quarry.synth.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

/**
 * The sandboxed JEXL engine for {@code expr} fields. Schemas come from users over REST, so an
 * expression must not reach the JVM: it is one expression (no statements, loops, lambdas, {@code
 * new}, pragmas, assignments, method calls such as {@code x.getClass()}) and reads only fields of
 * the row by name ({@code x.class} or {@code java.lang.System} are rejected as property paths).
 * These are all refused when the schema is validated, naming the field. At run time, introspection
 * still goes through a whitelist sandbox on top of JEXL's {@link JexlPermissions#RESTRICTED} set,
 * allowing only the {@code math:} namespace functions (a subset of {@link Math}) and JEXL's
 * operators and built-ins ({@code size}, {@code empty}). Without loops or lambdas every expression
 * runs in time linear in its length.
 *
 * <p>Scripts are immutable and thread-safe once compiled; the engine is shared.
 */
public final class Expressions {

  /** Expressions longer than this are rejected: they are formulas, not programs. */
  public static final int MAX_LENGTH = 4096;

  private static final JexlFeatures FEATURES =
      new JexlFeatures()
          .script(false)
          .loops(false)
          .lambda(false)
          .thinArrow(false)
          .fatArrow(false)
          .newInstance(false)
          .sideEffect(false)
          .sideEffectGlobal(false)
          .localVar(false)
          .pragma(false)
          .pragmaAnywhere(false)
          .importPragma(false)
          .namespacePragma(false)
          .annotation(false)
          .register(false)
          .methodCall(false);

  private static final JexlEngine ENGINE =
      new JexlBuilder()
          .features(FEATURES)
          .permissions(JexlPermissions.RESTRICTED)
          .sandbox(sandbox())
          .namespaces(Map.of("math", Math.class))
          .strict(true)
          .safe(false)
          .silent(false)
          .antish(false)
          .stackOverflow(256)
          .cache(0)
          .create();

  private Expressions() {}

  private static JexlSandbox sandbox() {
    // Whitelist mode: a class not named here allows nothing, a named one only what is listed.
    JexlSandbox box = new JexlSandbox(false);
    box.allow(Math.class.getName())
        .execute(
            "abs", "min", "max", "round", "floor", "ceil", "sqrt", "cbrt", "pow", "exp", "log",
            "log10", "signum", "floorDiv", "floorMod");
    return box;
  }

  /**
   * Compiles an expression, or throws a {@link SchemaException} at {@code path} saying which
   * construct is not allowed or where the syntax is wrong.
   */
  public static JexlScript compile(String path, String text) {
    if (text == null || text.isBlank()) {
      throw new SchemaException(path, "expr is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new SchemaException(path, "expr is longer than " + MAX_LENGTH + " characters");
    }
    JexlScript script;
    try {
      script = ENGINE.createScript(text);
    } catch (JexlException.Feature e) {
      throw new SchemaException(path, "expr uses a construct that is not allowed: " + reason(e), e);
    } catch (JexlException e) {
      throw new SchemaException(path, "expr is not a valid expression: " + reason(e), e);
    }
    for (List<String> v : script.getVariables()) {
      if (v.size() > 1) {
        throw new SchemaException(
            path, "expr reads '" + String.join(".", v) + "'; expressions read fields of the row by name only");
      }
    }
    return script;
  }

  /** The names of the row's fields an expression reads, in the order they appear. */
  public static Set<String> variables(JexlScript script) {
    Set<String> names = new LinkedHashSet<>();
    for (List<String> v : script.getVariables()) {
      names.add(v.get(0));
    }
    return names;
  }

  /** JEXL's message without its internal location prefix noise. */
  static String reason(JexlException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").trim();
  }
}
