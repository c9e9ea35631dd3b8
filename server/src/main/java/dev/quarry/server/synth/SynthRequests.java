package dev.quarry.server.synth;

import dev.quarry.server.QuarryProperties;
import dev.quarry.server.web.ApiException;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.schema.SchemaException;
import dev.quarry.synth.schema.SchemaLimits;
import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.write.Compression;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputFormats;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates the body of {@code POST /api/v1/synth} (and {@code /generate-data}):
 *
 * <pre>{@code
 * {"schema": {...} | "YAML or JSON text", "table": "orders", "rows": 5000, "seed": 7,
 *  "format": "csv", "compress": "none", "async": false}
 * }</pre>
 *
 * Only {@code schema} is required. {@code rows} and {@code seed} override the schema's ({@code rows}
 * for every written table), as the CLI's {@code --rows} and {@code --seed} do. Every mistake is a
 * 400 naming the field: for the schema, {@code schema.} and the path inside it.
 */
@Component
public class SynthRequests {

  static final Set<String> KEYS = Set.of("schema", "table", "rows", "seed", "format", "compress", "async");

  private final QuarryProperties.Synth config;

  public SynthRequests(QuarryProperties properties) {
    this.config = properties.synth();
  }

  public SynthPlan parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object", null);
    }
    for (String key : body.propertyNames()) {
      if (!KEYS.contains(key)) {
        throw ApiException.badRequest("unknown field '" + key + "'; known: " + String.join(", ", List.of(
            "schema", "table", "rows", "seed", "format", "compress", "async")), key);
      }
    }
    SchemaLimits limits = SchemaLimits.DEFAULT.withMaxRowsPerTable(config.maxRows());
    SynthSchema schema = schema(body.get("schema"), limits);
    OutputFormat format = format(body.get("format"));
    Compression compression = compression(body.get("compress"));
    String table = optionalString(body, "table");
    if (table != null && !schema.tables().containsKey(table)) {
      throw ApiException.badRequest("no table '" + table + "' in the schema (tables: "
          + String.join(", ", schema.tables().keySet()) + ")", "table");
    }
    Long seed = optionalLong(body, "seed");
    Long rows = optionalLong(body, "rows");
    boolean async = false;
    JsonNode a = body.get("async");
    if (a != null && !a.isNull()) {
      if (!a.isBoolean()) {
        throw ApiException.badRequest("'async' must be true or false", "async");
      }
      async = a.booleanValue();
    }
    List<String> tables = table != null ? List.of(table) : List.copyOf(schema.tables().keySet());
    if (seed != null) {
      schema = schema.withSeed(seed);
    }
    if (rows != null) {
      if (rows < 0) {
        throw ApiException.badRequest("'rows' must not be negative, got " + rows, "rows");
      }
      if (rows > config.maxRows()) {
        throw ApiException.badRequest("'rows' (" + rows + ") is above the limit of " + config.maxRows()
            + " rows per request", "rows");
      }
      for (String t : tables) {
        schema = schema.withRows(t, rows);
      }
    }
    Synthesizer synth;
    try {
      schema.validate(limits);
      synth = new Synthesizer(schema);
      for (String t : tables) {
        synth.outputSchema(t); // builds the table's plan now: typing errors are the request's fault
      }
    } catch (SchemaException e) {
      throw schemaError(e);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the schema cannot be generated: " + e.getMessage(), "schema");
    }
    long total = 0;
    for (String t : tables) {
      long n = schema.table(t).rows();
      total = total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
    }
    if (total > config.maxRows()) {
      throw ApiException.badRequest("this request writes " + total + " rows (tables " + tables
          + "); the limit is " + config.maxRows() + " rows per request", rows != null ? "rows" : "schema");
    }
    return new SynthPlan(synth, tables, table != null, format, compression, async, total);
  }

  private static SynthSchema schema(JsonNode node, SchemaLimits limits) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw ApiException.badRequest("'schema' is required: an object, or the schema as YAML or JSON text",
          "schema");
    }
    try {
      if (node.isString()) {
        return SchemaParser.parse(node.stringValue(), limits);
      }
      if (node.isObject()) {
        return SchemaParser.parse(node, limits);
      }
    } catch (SchemaException e) {
      throw schemaError(e);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the schema is invalid: " + e.getMessage(), "schema");
    }
    throw ApiException.badRequest("'schema' must be an object, or the schema as YAML or JSON text; got "
        + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT), "schema");
  }

  private static ApiException schemaError(SchemaException e) {
    String field = e.path().isEmpty() ? "schema" : "schema." + e.path();
    return ApiException.badRequest(field + ": " + e.detail(), field);
  }

  private static OutputFormat format(JsonNode node) {
    if (node == null || node.isNull()) {
      return OutputFormats.CSV;
    }
    if (!node.isString()) {
      throw ApiException.badRequest("'format' must be a string", "format");
    }
    try {
      return OutputFormats.byName(node.stringValue());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "format");
    }
  }

  private static Compression compression(JsonNode node) {
    if (node == null || node.isNull()) {
      return Compression.NONE;
    }
    if (!node.isString()) {
      throw ApiException.badRequest("'compress' must be a string", "compress");
    }
    try {
      return Compression.byName(node.stringValue());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "compress");
    }
  }

  private static String optionalString(JsonNode body, String key) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw ApiException.badRequest("'" + key + "' must be a string", key);
    }
    return n.stringValue();
  }

  private static Long optionalLong(JsonNode body, String key) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiException.badRequest("'" + key + "' must be a whole number within 64 bits", key);
    }
    return n.longValue();
  }
}
