package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a portal's JSON API through FileIO (so the storage allow-list applies to portals too). */
final class PortalClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Pages fetched at most per listing: a runaway portal cannot keep a discoverer busy forever. */
  static final int MAX_PAGES = 200;

  private final FileIO io;
  private final String base;

  PortalClient(FileIO io, String base) {
    this.io = io;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    Location l = Location.parse(this.base);
    if (!l.isHttp()) {
      throw new IllegalArgumentException("portal 'url' must be http(s): " + base);
    }
  }

  String base() {
    return base;
  }

  JsonNode get(String pathAndQuery) throws IOException {
    String url = base + pathAndQuery;
    try (InputStream in = io.newInputFile(Location.parse(url)).newStream()) {
      return JSON.readTree(in);
    } catch (JacksonException e) {
      throw new IOException(url + ": not a JSON answer: " + e.getOriginalMessage(), e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        String t = field == null ? n.asString() : text(n, field);
        if (t != null && !t.isBlank()) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
