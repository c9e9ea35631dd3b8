package dev.quarry.cli;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.profile.ProfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a dataset spec file: the {@code profile_specification} object itself, or a whole
 * {@code trigger_profile} request that wraps it.
 */
final class SpecFiles {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SpecFiles() {}

  static DatasetSpec read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ProfileException(file + ": no such spec file");
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ProfileException(file + ": a spec must be a JSON object");
      }
      if (node.has("profile_specification")) {
        node = node.get("profile_specification");
      }
      return MAPPER.treeToValue(node, DatasetSpec.class);
    } catch (JacksonException e) {
      throw new ProfileException(file + ": not a valid spec: " + e.getOriginalMessage());
    }
  }
}
