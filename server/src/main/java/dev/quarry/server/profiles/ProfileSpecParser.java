package dev.quarry.server.profiles;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.server.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code profile_specification} from a request, checking every field's type so that a bad
 * request gets a 400 naming the field ({@code profile_specification.keywords[2]}), and resolving
 * its data connector so that a bad {@code dataset_id} or {@code database_name} is refused at
 * submission rather than failing later in a job.
 */
@Component
public class ProfileSpecParser {

  static final String SPECIFICATION = "profile_specification";
  private static final Set<String> TEXT_FIELDS = Set.of("id", "name", "description", "headline",
      "cite_as", "license", "published_url", "country", "date_published", "uploaded_by");
  private static final Set<String> LIST_FIELDS = Set.of("keywords", "fields_of_science", "languages");
  private static final int MAX_TEXT = 100_000;

  private final DataSources sources;

  public ProfileSpecParser(DataSources sources) {
    this.sources = sources;
  }

  /** The seed's trigger body: {@code {profile_specification: {...}, only_light_profile}}. */
  public ProfileJobSpec parseRequest(JsonNode body) {
    requireObject(body, "", "the request body must be a JSON object");
    JsonNode spec = body.get(SPECIFICATION);
    if (spec == null || spec.isNull()) {
      throw ApiException.badRequest("'" + SPECIFICATION + "' is required", SPECIFICATION);
    }
    return new ProfileJobSpec(parseSpecification(spec, SPECIFICATION), lightOnly(body));
  }

  /** The optional {@code only_light_profile} flag of a request body. */
  public static boolean lightOnly(JsonNode body) {
    JsonNode light = body.get("only_light_profile");
    if (light == null || light.isNull()) {
      return false;
    }
    if (!light.isBoolean()) {
      throw ApiException.badRequest("'only_light_profile' must be true or false", "only_light_profile");
    }
    return light.booleanValue();
  }

  /** A dataset specification at {@code path} in the request ("" for the body itself). */
  public DatasetSpec parseSpecification(JsonNode spec, String path) {
    requireObject(spec, path, "'" + display(path) + "' must be a JSON object");
    Map<String, String> text = new java.util.HashMap<>();
    for (String f : TEXT_FIELDS) {
      text.put(f, text(spec.get(f), join(path, f)));
    }
    Map<String, List<String>> lists = new java.util.HashMap<>();
    for (String f : LIST_FIELDS) {
      lists.put(f, strings(spec.get(f), join(path, f)));
    }
    List<DatasetSpec.DataConnector> connectors = connectors(spec.get("data_connectors"),
        join(path, "data_connectors"));
    return new DatasetSpec(text.get("id"), text.get("name"), text.get("description"),
        text.get("headline"), text.get("cite_as"), text.get("license"), text.get("published_url"),
        lists.get("keywords"), lists.get("fields_of_science"), lists.get("languages"),
        text.get("country"), text.get("date_published"), text.get("uploaded_by"), connectors);
  }

  private List<DatasetSpec.DataConnector> connectors(JsonNode node, String path) {
    if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
      throw ApiException.badRequest("'" + path + "' needs one data connector", path);
    }
    if (!node.isArray()) {
      throw ApiException.badRequest("'" + path + "' must be a list of data connectors", path);
    }
    if (node.size() > 1) {
      throw ApiException.badRequest("'" + path + "' may hold only one data connector per profile", path);
    }
    List<DatasetSpec.DataConnector> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode c = node.get(i);
      requireObject(c, at, "'" + at + "' must be a JSON object");
      String type = text(c.get("type"), at + ".type");
      DatasetSpec.DataConnector connector = switch (type == null ? "" : type) {
        case DataSources.RAW_DATA_PATH -> new DatasetSpec.DataConnector(type,
            required(c.get("dataset_id"), at + ".dataset_id"), null);
        case DataSources.DATABASE_CONNECTION -> new DatasetSpec.DataConnector(type, null,
            required(c.get("database_name"), at + ".database_name"));
        default -> throw ApiException.badRequest("'" + at + ".type' must be '"
            + DataSources.RAW_DATA_PATH + "' or '" + DataSources.DATABASE_CONNECTION + "'", at + ".type");
      };
      sources.resolve(connector, at); // refuses what would not resolve, naming the field
      out.add(connector);
    }
    return out;
  }

  private static String required(JsonNode node, String path) {
    String s = text(node, path);
    if (s == null || s.isBlank()) {
      throw ApiException.badRequest("'" + path + "' is required", path);
    }
    return s;
  }

  private static String text(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    // The seed's ids are UUIDs or numbers; any scalar is kept as its text.
    if (!node.isString() && !node.isNumber()) {
      throw ApiException.badRequest("'" + path + "' must be a string", path);
    }
    String s = node.isString() ? node.stringValue() : node.asString();
    if (s.length() > MAX_TEXT) {
      throw ApiException.badRequest("'" + path + "' is too long", path);
    }
    return s;
  }

  private static List<String> strings(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest("'" + path + "' must be a list of strings", path);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String s = text(node.get(i), path + "[" + i + "]");
      if (s == null) {
        throw ApiException.badRequest("'" + path + "[" + i + "]' must be a string", path + "[" + i + "]");
      }
      out.add(s);
    }
    return out;
  }

  private static void requireObject(JsonNode node, String path, String message) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(message, path.isEmpty() ? null : path);
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String display(String path) {
    return path.isEmpty() ? "body" : path;
  }
}
