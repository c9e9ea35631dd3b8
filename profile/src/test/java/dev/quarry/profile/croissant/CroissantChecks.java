package dev.quarry.profile.croissant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The structural checks the reference Croissant validator (mlcroissant) makes: required dataset
 * properties, FileObject/FileSet fields, a valid dataType on every Field, exactly one of source and
 * value, resolvable references, unique ids without spaces. Returns the problems found.
 */
public final class CroissantChecks {

  private static final Set<String> STORAGE_TYPES = Set.of("sc:Boolean", "sc:Date", "sc:DateTime",
      "sc:Float", "sc:Integer", "sc:Text", "sc:URL", "sc:Time", "sc:Number");

  private CroissantChecks() {}

  public static List<String> problems(JsonNode doc) {
    List<String> p = new ArrayList<>();
    if (!doc.path("@context").isObject()) {
      p.add("missing @context");
    }
    if (!"sc:Dataset".equals(doc.path("@type").asString(""))) {
      p.add("@type is not sc:Dataset");
    }
    for (String required : List.of("name", "conformsTo", "description", "url")) {
      if (doc.path(required).asString("").isBlank()) {
        p.add("dataset property '" + required + "' is missing");
      }
    }
    Set<String> ids = new HashSet<>();
    Set<String> distributionIds = new HashSet<>();
    for (JsonNode d : doc.path("distribution")) {
      String id = id(d, ids, p);
      distributionIds.add(id);
      String type = d.path("@type").asString("");
      if (type.equals("cr:FileObject")) {
        for (String f : List.of("name", "contentUrl", "encodingFormat")) {
          if (d.path(f).asString("").isBlank()) {
            p.add("FileObject " + id + " has no " + f);
          }
        }
        // mlcroissant waives the checksum for a live dataset (isLiveDataset), e.g. a database
        if (d.path("sha256").asString("").isBlank() && d.path("md5").asString("").isBlank()
            && !doc.path("isLiveDataset").asBoolean(false)) {
          p.add("FileObject " + id + " has no checksum");
        }
      } else if (type.equals("cr:FileSet")) {
        if (d.path("includes").isMissingNode() || d.path("encodingFormat").asString("").isBlank()) {
          p.add("FileSet " + id + " needs includes and encodingFormat");
        }
      } else {
        p.add("distribution entry " + id + " has unknown @type " + type);
      }
    }
    for (JsonNode d : doc.path("distribution")) {
      JsonNode in = d.path("containedIn");
      if (!in.isMissingNode() && !distributionIds.contains(in.path("@id").asString(""))) {
        p.add(d.path("@id").asString() + " is containedIn an unknown " + in);
      }
    }
    for (JsonNode rs : doc.path("recordSet")) {
      String rsId = id(rs, ids, p);
      if (!"cr:RecordSet".equals(rs.path("@type").asString(""))) {
        p.add("record set " + rsId + " has @type " + rs.path("@type"));
      }
      if (!rs.path("field").isArray() || rs.path("field").isEmpty()) {
        p.add("record set " + rsId + " has no fields");
      }
      for (JsonNode f : rs.path("field")) {
        field(f, ids, distributionIds, p, true);
      }
      for (JsonNode a : rs.path("annotation")) {
        field(a, ids, distributionIds, p, false);
      }
    }
    for (JsonNode d : doc.path("distribution")) {
      for (JsonNode a : d.path("annotation")) {
        field(a, ids, distributionIds, p, false);
      }
    }
    return p;
  }

  private static void field(JsonNode f, Set<String> ids, Set<String> distributionIds,
      List<String> p, boolean needsSource) {
    String id = id(f, ids, p);
    if (!"cr:Field".equals(f.path("@type").asString(""))) {
      p.add("field " + id + " is not a cr:Field");
    }
    if (f.path("name").asString("").isBlank()) {
      p.add("field " + id + " has no name");
    }
    JsonNode dt = f.path("dataType");
    String primary = dt.isArray() ? dt.path(0).asString("") : dt.asString("");
    if (!STORAGE_TYPES.contains(primary)) {
      p.add("field " + id + " has an invalid dataType " + dt);
    }
    if (dt.isArray()) {
      for (JsonNode t : dt) {
        if (!t.asString("").matches("(sc|wd|cr):[A-Za-z0-9_]+")) {
          p.add("field " + id + " has an invalid dataType entry " + t);
        }
      }
    }
    boolean hasSource = f.has("source");
    boolean hasValue = f.has("value");
    if (hasSource == hasValue) {
      p.add("field " + id + " must have exactly one of source and value");
    }
    if (needsSource && hasSource) {
      JsonNode src = f.path("source");
      String ref = src.has("fileObject") ? src.path("fileObject").path("@id").asString("")
          : src.path("fileSet").path("@id").asString("");
      if (!distributionIds.contains(ref)) {
        p.add("field " + id + " reads from an unknown file " + ref);
      }
      JsonNode ex = src.path("extract");
      if (!(ex.has("column") || ex.has("jsonPath") || ex.has("fileProperty"))) {
        p.add("field " + id + " has no extract");
      }
    }
    for (JsonNode a : f.path("annotation")) {
      field(a, ids, distributionIds, p, false);
    }
  }

  private static String id(JsonNode n, Set<String> ids, List<String> p) {
    String id = n.path("@id").asString("");
    if (id.isBlank()) {
      p.add("an entry has no @id: " + n.path("name"));
    } else if (id.chars().anyMatch(Character::isWhitespace)) {
      p.add("@id with white space: '" + id + "'");
    } else if (!ids.add(id)) {
      p.add("duplicate @id " + id);
    }
    return id;
  }
}
