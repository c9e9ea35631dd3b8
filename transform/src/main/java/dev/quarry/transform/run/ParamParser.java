package dev.quarry.transform.run;

import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TransformSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Types and checks a transform's parameters, given as text (command line: numbers as text, lists as
 * JSON arrays) or as YAML/JSON values (pipeline files). Unknown names and bad values fail with an
 * {@link InvalidJobException} naming the parameter, before anything runs.
 */
public final class ParamParser {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ParamParser() {}

  public static Params parse(TransformSpec spec, Map<String, ?> given) {
    Map<String, Param> declared = new LinkedHashMap<>();
    for (Param p : spec.params()) {
      declared.put(p.name(), p);
    }
    for (String name : given.keySet()) {
      if (!declared.containsKey(name)) {
        throw new InvalidJobException(
            name, "not a parameter of " + spec.name() + " (parameters: " + String.join(", ", declared.keySet()) + ")");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : declared.values()) {
      Object raw = given.get(p.name());
      Object value = raw == null ? p.defaultValue() : typed(p, raw);
      if (value == null && !p.optional()) {
        throw new InvalidJobException(p.name(), "required by " + spec.name() + " (" + p.help() + ")");
      }
      if (value != null) {
        String problem = p.check().apply(value);
        if (problem != null) {
          throw new InvalidJobException(p.name(), problem);
        }
      }
      values.put(p.name(), value);
    }
    Params params = new Params(values);
    try {
      spec.validate(params);
    } catch (InvalidJobException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // the convention of TransformSpec.validate: "parameter: problem"
      String m = String.valueOf(e.getMessage());
      int colon = m.indexOf(": ");
      if (colon > 0 && declared.containsKey(m.substring(0, colon))) {
        throw new InvalidJobException(m.substring(0, colon), m.substring(colon + 2));
      }
      throw new InvalidJobException(spec.name(), m);
    }
    return params;
  }

  private static Object typed(Param p, Object raw) {
    String text = raw instanceof JsonNode n ? (n.isString() ? n.stringValue() : n.toString()) : String.valueOf(raw);
    try {
      return switch (p.type()) {
        case STRING -> text;
        case INT -> raw instanceof Number n && !(raw instanceof Double || raw instanceof Float)
            ? n.longValue() : Long.parseLong(text.trim());
        case FLOAT -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text.trim());
        case BOOLEAN -> bool(p, raw instanceof Boolean b ? b.toString() : text);
        case STRING_LIST -> list(p, raw, text);
      };
    } catch (NumberFormatException e) {
      throw new InvalidJobException(p.name(), "expected " + (p.type() == ParamType.INT ? "an integer" : "a number")
          + ", got '" + text + "'");
    }
  }

  private static Boolean bool(Param p, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new InvalidJobException(p.name(), "expected true or false, got '" + text + "'");
    };
  }

  private static List<String> list(Param p, Object raw, String text) {
    if (raw instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    String t = text.trim();
    if (!t.startsWith("[")) {
      throw new InvalidJobException(p.name(), "expected a JSON list such as [\"a\", \"b\"], got '" + text + "'");
    }
    try {
      JsonNode node = JSON.readTree(t);
      List<String> out = new ArrayList<>();
      for (JsonNode n : node.values()) {
        out.add(n.isString() ? n.stringValue() : n.toString());
      }
      return out;
    } catch (JacksonException e) {
      throw new InvalidJobException(p.name(), "not a valid JSON list: " + e.getOriginalMessage());
    }
  }
}
