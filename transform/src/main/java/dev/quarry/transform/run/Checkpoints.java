package dev.quarry.transform.run;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which units of work are done. A unit is done only once every output it made was written
 * atomically <em>and</em> its marker ({@code _checkpoint/<unit>.json} under the output folder,
 * listing those outputs) was written atomically after them. A unit interrupted before its marker is
 * redone from scratch; its outputs have deterministic names, so redoing overwrites them rather than
 * adding a second copy.
 */
final class Checkpoints {

  static final String FOLDER = "_checkpoint";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** LocalBackend's temporary files: {@code .<name>.<uuid>.tmp}. */
  private static final Pattern TEMP =
      Pattern.compile("^\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp$");

  private Checkpoints() {}

  static Location marker(Location output, String unitKey) {
    return output.resolve(FOLDER + "/" + URLEncoder.encode(unitKey, StandardCharsets.UTF_8) + ".json");
  }

  static void record(FileIO io, Location output, String unitKey, List<String> outputs) throws IOException {
    byte[] body = JSON.writeValueAsBytes(java.util.Map.of("unit", unitKey, "outputs", outputs));
    io.newOutputFile(marker(output, unitKey)).write(out -> out.write(body));
  }

  /** Keys of the units recorded as done, and the outputs they recorded. */
  static Done load(FileIO io, Location output) throws IOException {
    Set<String> units = new HashSet<>();
    List<String> outputs = new ArrayList<>();
    Location folder = output.resolve(FOLDER);
    if (!io.isDirectory(folder)) {
      return new Done(units, outputs);
    }
    for (FileStatus s : io.list(folder, ListOptions.ONE_LEVEL)) {
      if (!s.location().name().endsWith(".json")) {
        continue;
      }
      JsonNode node = readJson(io, s.location());
      units.add(node.get("unit").stringValue());
      node.get("outputs").values().forEach(o -> outputs.add(o.stringValue()));
    }
    return new Done(units, outputs);
  }

  private static JsonNode readJson(FileIO io, Location location) throws IOException {
    try (java.io.InputStream in = io.newInputFile(location).newStream()) {
      return JSON.readTree(in.readAllBytes());
    }
  }

  record Done(Set<String> units, List<String> outputs) {}

  /**
   * Deletes temporary files a killed writer left in the output folder (local storage; on S3 an
   * unfinished multipart upload is invisible and expires by the bucket's lifecycle rule).
   */
  static int removeStaleTemporaries(FileIO io, Location output) throws IOException {
    if (!output.isLocal() || !io.isDirectory(output)) {
      return 0;
    }
    int removed = 0;
    for (FileStatus s : io.list(output, ListOptions.RECURSIVE)) {
      if (TEMP.matcher(s.location().name()).matches()) {
        io.delete(s.location());
        removed++;
      }
    }
    return removed;
  }
}
