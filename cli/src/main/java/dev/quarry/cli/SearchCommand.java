package dev.quarry.cli;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.search.BoundingBox;
import dev.quarry.search.ColumnPair;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.EntryBuilder;
import dev.quarry.search.JoinHit;
import dev.quarry.search.LuceneSearchIndex;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SearchResults;
import dev.quarry.search.TimeRange;
import dev.quarry.search.UnionHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code quarry search}: keyword/time/place search, or join/union discovery for a file, in a local
 * index ({@code --index}, filled with {@code --add}) or on a service ({@code --server}).
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search datasets by keywords, time and place; or find datasets to join or union with a file.",
      "Searches a local index (--index, filled with --add) or a Quarry service (--server)."
    })
final class SearchCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "KEYWORDS", description = "Words to search for.")
  List<String> keywords = new ArrayList<>();

  @Option(names = "--from", paramLabel = "DATE", description = "Covers time at or after (2024-01-31 or an instant).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Covers time at or before.")
  String to;

  @Option(names = "--bbox", paramLabel = "minLon,minLat,maxLon,maxLat",
      description = "Covers a place intersecting this box (WGS84 degrees).")
  String bbox;

  @Option(names = "--source", paramLabel = "S", description = "Only from these sources.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--license", paramLabel = "L", description = "Only with these licenses.")
  List<String> licenses = new ArrayList<>();

  @Option(names = "--format", paramLabel = "MEDIA_TYPE", description = "Only in these formats (text/csv, ...).")
  List<String> formats = new ArrayList<>();

  @Option(names = "--semantic-type", paramLabel = "T", description = "Only with columns of these semantic types.")
  List<String> semanticTypes = new ArrayList<>();

  @Option(names = "--join", paramLabel = "FILE", description = "Find datasets joinable with this file.")
  Path join;

  @Option(names = "--union", paramLabel = "FILE", description = "Find datasets unionable with this file.")
  Path union;

  @Option(names = "--min-containment", defaultValue = "0.1", paramLabel = "X",
      description = "Join: least share of a key's values found in the other column. Default: ${DEFAULT-VALUE}.")
  double minContainment;

  @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "Results per page. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--page", defaultValue = "0", description = "Page of keyword results, from 0.")
  int page;

  @Option(names = "--index", paramLabel = "DIR", defaultValue = "${env:QUARRY_INDEX:-quarry-index}",
      description = "Local index folder (default: $QUARRY_INDEX or ./quarry-index).")
  Path index;

  @Option(names = "--add", paramLabel = "LOCATION",
      description = "Profile and add these datasets to the local index first.")
  List<String> add = new ArrayList<>();

  @Option(names = "--spec", paramLabel = "SPEC.json",
      description = "With --add: dataset metadata (name, description, keywords, license).")
  Path specFile;

  @Option(names = "--json", description = "Print results as JSON.")
  boolean json;

  @Mixin ServerOptions server;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (join != null && union != null) {
      throw new IllegalArgumentException("--join and --union: give one");
    }
    for (Path p : new Path[] {join, union}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new NoSuchFileException(p + ": no such file");
      }
    }
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("--limit must be between 1 and 100");
    }
    boolean remote = server.server != null && !server.server.isBlank();
    if (remote) {
      if (!add.isEmpty()) {
        throw new IllegalArgumentException("--add indexes locally: with --server, upload instead");
      }
      return remote(out);
    }
    if (add.isEmpty() && !Files.isDirectory(index)) {
      throw new IllegalArgumentException("no local index at " + index
          + ": add datasets with --add LOCATION, or search a service with --server URL");
    }
    Files.createDirectories(index);
    try (LuceneSearchIndex idx = LuceneSearchIndex.open(index)) {
      for (String location : add) {
        DatasetEntry e = profile(location, UUID.nameUUIDFromBytes(location.getBytes(StandardCharsets.UTF_8))
            .toString(), specFile == null ? null : SpecFiles.read(specFile));
        idx.upsert(e);
        if (!json) {
          out.println("indexed " + location + " (" + e.columns().size() + " columns, " + e.rows() + " rows)");
        }
      }
      if (join != null) {
        print(out, idx.joinSearch(profile(join.toString(), "query", null), minContainment, limit), null);
      } else if (union != null) {
        print(out, null, idx.unionSearch(profile(union.toString(), "query", null), limit));
      } else if (!keywords.isEmpty() || from != null || to != null || bbox != null
          || !sources.isEmpty() || !licenses.isEmpty() || !formats.isEmpty() || !semanticTypes.isEmpty()
          || add.isEmpty()) {
        SearchResults r = idx.search(query());
        if (json) {
          out.println(JSON.writeValueAsString(r));
        } else {
          printKeyword(out, r);
        }
      }
    }
    return 0;
  }

  private SearchQuery query() {
    Map<String, List<String>> filters = new HashMap<>();
    put(filters, "source", sources);
    put(filters, "license", licenses);
    put(filters, "format", formats);
    put(filters, "semantic_type", semanticTypes);
    if (page < 0 || (long) page * limit > 10_000) {
      throw new IllegalArgumentException("--page must be between 0 and " + 10_000 / limit);
    }
    return new SearchQuery(String.join(" ", keywords), filters, instant(from, "--from", false),
        instant(to, "--to", true), bbox == null ? null : BoundingBox.parse(bbox), page * limit, limit);
  }

  private int remote(PrintWriter out) throws IOException {
    ServerClient client = server.client();
    if (join != null || union != null) {
      String path = join != null ? "/api/v1/search/join?min_containment=" + minContainment + "&limit=" + limit
          : "/api/v1/search/union?limit=" + limit;
      JsonNode r = client.postFile(path, join != null ? join : union);
      if (json) {
        out.println(JSON.writeValueAsString(r));
        return 0;
      }
      for (JsonNode h : r.get("results")) {
        out.printf("%.3f  %s  %s%n", h.get("score").asDouble(), h.get("id").asString(), h.get("name").asString());
        for (JsonNode p : h.get("pairs")) {
          out.printf("       %s -> %s (%s %.3f)%n", p.get("queryColumn").asString(),
              p.get("column").asString(), p.get("match").asString(), p.get("score").asDouble());
        }
      }
      return 0;
    }
    SearchQuery q = query(); // checked here, so mistakes are reported before any request
    StringBuilder url = new StringBuilder("/api/v1/search?page=" + page + "&size=" + limit);
    param(url, "q", q.keywords().isEmpty() ? null : q.keywords());
    param(url, "from", from);
    param(url, "to", to);
    param(url, "bbox", bbox);
    sources.forEach(s -> param(url, "source", s));
    licenses.forEach(s -> param(url, "license", s));
    formats.forEach(s -> param(url, "format", s));
    semanticTypes.forEach(s -> param(url, "semantic_type", s));
    JsonNode r = client.get(url.toString());
    if (json) {
      out.println(JSON.writeValueAsString(r));
      return 0;
    }
    out.println(r.get("total").asLong() + " datasets");
    for (JsonNode h : r.get("hits")) {
      out.printf("%6.2f  %s  %s%n", h.get("score").asDouble(), h.get("id").asString(), h.get("name").asString());
      for (var e : h.get("highlights").properties()) {
        out.println("        " + e.getKey() + ": " + e.getValue().asString().replace('\n', ' '));
      }
    }
    return 0;
  }

  private static void param(StringBuilder url, String name, String value) {
    if (value != null && !value.isBlank()) {
      url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private void print(PrintWriter out, List<JoinHit> joins, List<UnionHit> unions) {
    if (json) {
      out.println(JSON.writeValueAsString(joins != null ? joins : unions));
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    if (joins != null) {
      joins.forEach(h -> rows.add(new Object[] {h.score(), h.id(), h.name(), h.pairs()}));
    } else {
      unions.forEach(h -> rows.add(new Object[] {h.score(), h.id(), h.name(), h.pairs()}));
    }
    if (rows.isEmpty()) {
      out.println("no datasets found");
    }
    for (Object[] r : rows) {
      out.printf("%.3f  %s  %s%n", (double) r[0], r[1], r[2]);
      @SuppressWarnings("unchecked")
      List<ColumnPair> pairs = (List<ColumnPair>) r[3];
      for (ColumnPair p : pairs) {
        out.printf("       %s -> %s (%s %.3f)%n", p.queryColumn(), p.column(), p.match(), p.score());
      }
    }
  }

  private static void printKeyword(PrintWriter out, SearchResults r) {
    out.println(r.total() + " datasets");
    for (SearchResults.Hit h : r.hits()) {
      out.printf("%6.2f  %s  %s%n", h.score(), h.id(), h.name());
      h.highlights().forEach((field, text) ->
          out.println("        " + field + ": " + text.replace('\n', ' ')));
    }
  }

  static DatasetEntry profile(String location, String id, DatasetSpec spec) throws IOException {
    FileIO io = FileIO.unrestricted();
    try (LocalEngine engine = new LocalEngine()) {
      ProfileRequest request = ProfileRequest.of(location);
      if (spec != null) {
        request = request.withSpec(spec);
      }
      Profile p = new Profiler(io, engine).profile(request);
      return EntryBuilder.sketchAndBuild(io, id, location, "local", p, Map.of());
    }
  }

  private static void put(Map<String, List<String>> filters, String key, List<String> values) {
    if (!values.isEmpty()) {
      filters.put(key, values);
    }
  }

  static Instant instant(String text, String option, boolean endOfDay) {
    return TimeRange.parseBound(text, option, endOfDay);
  }
}
