package dev.quarry.transform.run;

import dev.quarry.core.storage.Location;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TransformSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A job as the user wrote it (command line or pipeline file), not yet validated. Keys use the
 * anchor's names: {@code input}, {@code output}, {@code max_files}, {@code num_samples},
 * {@code files_to_use}, {@code checkpointing}, {@code pipeline_id}, {@code job_id}; each transform
 * has a {@code name} and its {@code params}.
 */
public record JobRequest(Map<String, Object> options, List<StepRequest> transforms) {

  /** One transform as written: its name and raw parameter values. */
  public record StepRequest(String name, Map<String, Object> params) {}

  public JobRequest {
    options = new LinkedHashMap<>(options);
    transforms = List.copyOf(transforms);
  }

  private static final List<String> OPTIONS = List.of(
      "input", "output", "max_files", "num_samples", "seed", "files_to_use", "checkpointing",
      "pipeline_id", "job_id", "batch_rows", "workers");

  /**
   * Parses a pipeline file (YAML or JSON):
   *
   * <pre>
   * input: data/in
   * output: data/out
   * checkpointing: true
   * transforms:
   *   - name: filter
   *     params: {criteria_list: ["x > 1"], logical_operator: AND}
   *   - name: doc_id
   *     params: {hash_column: hash}
   * </pre>
   */
  public static JobRequest parsePipeline(String text, String fileName) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(text);
    } catch (JacksonException e) {
      throw new InvalidJobException("pipeline", fileName + " is not valid YAML/JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidJobException("pipeline", fileName + " must be a mapping with 'transforms'");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    List<StepRequest> steps = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (key.equals("transforms")) {
        if (!e.getValue().isArray()) {
          throw new InvalidJobException("transforms", "must be a list of {name, params}");
        }
        for (JsonNode t : e.getValue().values()) {
          JsonNode name = t.get("name");
          if (name == null || !name.isString()) {
            throw new InvalidJobException("transforms", "every transform needs a 'name'");
          }
          Map<String, Object> params = new LinkedHashMap<>();
          JsonNode p = t.get("params");
          if (p != null && !p.isNull()) {
            if (!p.isObject()) {
              throw new InvalidJobException(name.stringValue() + ".params", "must be a mapping");
            }
            for (Map.Entry<String, JsonNode> pe : p.properties()) {
              params.put(pe.getKey(), plain(pe.getValue()));
            }
          }
          steps.add(new StepRequest(name.stringValue(), params));
        }
      } else if (OPTIONS.contains(key)) {
        options.put(key, plain(e.getValue()));
      } else {
        throw new InvalidJobException(key, "not a pipeline option (options: transforms, " + String.join(", ", OPTIONS) + ")");
      }
    }
    return new JobRequest(options, steps);
  }

  private static Object plain(JsonNode n) {
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.values().forEach(v -> out.add(plain(v)));
      return out;
    }
    if (n.isString()) {
      return n.stringValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isNull()) {
      return null;
    }
    return n.toString();
  }

  /** Validates everything (parameters of every transform included) and returns the job. */
  public TransformJob validate() {
    if (transforms.isEmpty()) {
      throw new InvalidJobException("transforms", "name at least one transform");
    }
    for (String key : options.keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new InvalidJobException(key, "not a job option (options: " + String.join(", ", OPTIONS) + ")");
      }
    }
    Location input = location("input");
    Location output = location("output");
    if (input.equals(output)) {
      throw new InvalidJobException("output", "must differ from the input folder");
    }
    if (output.uri().startsWith(input.uri().endsWith("/") ? input.uri() : input.uri() + "/")) {
      throw new InvalidJobException("output", "must not be inside the input folder (a later run would read it)");
    }
    List<Step> steps = new ArrayList<>();
    for (StepRequest r : transforms) {
      TransformSpec spec = Transforms.get(r.name());
      Params params = ParamParser.parse(spec, r.params());
      steps.add(new Step(spec, params));
    }
    return new TransformJob(
        input,
        output,
        steps,
        (int) integer("max_files", -1, -1),
        (int) integer("num_samples", -1, -1),
        integer("seed", 42, Long.MIN_VALUE),
        filesToUse(),
        bool("checkpointing"),
        string("pipeline_id", "pipeline_id"),
        string("job_id", "job_id"),
        (int) integer("batch_rows", 10_000, 1));
  }

  /** Workers asked for (0 = one per core). */
  public int workers() {
    return (int) integer("workers", 0, 0);
  }

  private Location location(String key) {
    Object v = options.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new InvalidJobException(key, "required (a local folder or s3://bucket/prefix)");
    }
    try {
      return Location.parse(v.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(key, e.getMessage());
    }
  }

  private long integer(String key, long dflt, long min) {
    Object v = options.get(key);
    if (v == null) {
      return dflt;
    }
    long n;
    try {
      n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidJobException(key, "expected an integer, got '" + v + "'");
    }
    if (n < min && n != dflt) {
      throw new InvalidJobException(key, "must be at least " + min + ", got " + n);
    }
    return n;
  }

  private boolean bool(String key) {
    Object v = options.get(key);
    if (v == null) {
      return false;
    }
    String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    throw new InvalidJobException(key, "expected true or false, got '" + v + "'");
  }

  private String string(String key, String dflt) {
    Object v = options.get(key);
    return v == null ? dflt : v.toString();
  }

  private List<String> filesToUse() {
    Object v = options.get("files_to_use");
    if (v == null) {
      return List.of(".parquet");
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    } else {
      String s = v.toString().trim();
      if (s.startsWith("[")) {
        try {
          YAMLMapper.builder().build().readTree(s).values().forEach(n -> out.add(n.asString()));
        } catch (JacksonException e) {
          throw new InvalidJobException("files_to_use", "not a valid JSON list: " + e.getOriginalMessage());
        }
      } else {
        for (String part : s.split(",")) {
          out.add(part.trim());
        }
      }
    }
    for (String ext : out) {
      if (!ext.equals(".parquet")) {
        throw new InvalidJobException("files_to_use", "only .parquet input is supported, got '" + ext + "'");
      }
    }
    return out;
  }
}
