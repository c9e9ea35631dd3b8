package dev.quarry.profile.croissant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles the data folders of the reference Croissant examples and checks that every field the
 * reference reads from a file column (or JSON path) is found with a matching dataType, and that the
 * document passes the reference validator's structural checks.
 */
class CroissantConformanceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static LocalEngine engine;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"titanic", "simple-parquet", "simple-split", "simple-join", "json-join"})
  void profileMatchesReference(String example) throws Exception {
    Path dir = resource("conformance/" + example);
    JsonNode reference = JSON.readTree(dir.resolve("metadata.json").toFile());
    Profile profile = new Profiler(FileIO.unrestricted(), engine)
        .profile(ProfileRequest.of(dir.resolve("data").toString()));
    JsonNode ours = JSON.readTree(CroissantWriter.toJson(profile));

    assertThat(CroissantChecks.problems(ours)).as("validator problems").isEmpty();

    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (JsonNode rs : reference.path("recordSet")) {
      for (JsonNode field : rs.path("field")) {
        JsonNode src = field.path("source");
        JsonNode extract = src.path("extract");
        if (!(extract.has("column") || extract.has("jsonPath"))) {
          continue; // joined or constant fields have no file column to compare
        }
        String file = referencedFile(reference, src);
        JsonNode match = findField(ours, file, extract);
        if (match == null) {
          mismatches.add(field.path("@id").asString() + ": no field reads " + extract + " of " + file);
          continue;
        }
        compared++;
        List<String> refTypes = types(field.path("dataType"));
        String ourType = types(match.path("dataType")).get(0);
        if (!refTypes.contains(ourType)) {
          mismatches.add(field.path("@id").asString() + ": reference " + refTypes + ", ours " + ourType);
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(compared).isPositive();
  }

  /** The reference file name (or glob) a source reads, relative to the data folder. */
  private static String referencedFile(JsonNode doc, JsonNode src) {
    String id = src.has("fileObject") ? src.path("fileObject").path("@id").asString()
        : src.path("fileSet").path("@id").asString();
    for (JsonNode d : doc.path("distribution")) {
      if (id.equals(d.path("@id").asString())) {
        String where = d.has("contentUrl") ? d.path("contentUrl").asString()
            : d.path("includes").asString();
        return where.startsWith("data/") ? where.substring(5) : where;
      }
    }
    throw new AssertionError("reference names an unknown file " + id);
  }

  private static JsonNode findField(JsonNode ours, String file, JsonNode extract) {
    String sourceId = null;
    for (JsonNode d : ours.path("distribution")) {
      String where = d.has("contentUrl") ? d.path("contentUrl").asString() : d.path("includes").asString();
      if (where.equals(file)) {
        sourceId = d.path("@id").asString();
      }
    }
    if (sourceId == null) {
      return null;
    }
    for (JsonNode rs : ours.path("recordSet")) {
      for (JsonNode f : rs.path("field")) {
        JsonNode s = f.path("source");
        String from = s.has("fileObject") ? s.path("fileObject").path("@id").asString()
            : s.path("fileSet").path("@id").asString();
        if (from.equals(sourceId) && s.path("extract").equals(extract)) {
          return f;
        }
      }
    }
    return null;
  }

  private static List<String> types(JsonNode dt) {
    List<String> out = new ArrayList<>();
    if (dt.isArray()) {
      dt.forEach(t -> out.add(t.asString()));
    } else {
      out.add(dt.asString());
    }
    return out;
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(CroissantConformanceTest.class.getClassLoader().getResource(name).toURI());
  }
}
