package dev.quarry.profile.croissant;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.profile.DocumentProfile;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FieldStatistics;
import dev.quarry.profile.FileEntry;
import dev.quarry.profile.FileSetEntry;
import dev.quarry.profile.HeavyProfile;
import dev.quarry.profile.LightProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SemanticType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a profile as an MLCommons Croissant 1.0 JSON-LD document. Field statistics go into
 * Croissant 1.1 {@code annotation}s: each a {@code cr:Field} with a {@code value} and no source.
 * Semantic types follow the storage type in the field's {@code dataType} list, as schema.org terms.
 */
public final class CroissantWriter {

  public static final String CONFORMS_TO = "http://mlcommons.org/croissant/1.0";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CroissantWriter() {}

  public static String toJson(Profile profile) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonLd(profile));
  }

  public static ObjectNode toJsonLd(Profile profile) {
    LightProfile light = profile.light();
    DatasetSpec spec = light.spec();
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("@context", context());
    doc.put("@type", "sc:Dataset");
    String name = firstNonBlank(spec.name(), lastSegment(light.location()));
    doc.put("name", name);
    doc.put("description", firstNonBlank(spec.description(), spec.headline(),
        "Dataset profiled by Quarry from " + lastSegment(light.location())));
    doc.put("conformsTo", CONFORMS_TO);
    putIfPresent(doc, "identifier", spec.id());
    putIfPresent(doc, "headline", spec.headline());
    putIfPresent(doc, "citeAs", spec.citeAs());
    putIfPresent(doc, "license", spec.license());
    doc.put("url", firstNonBlank(spec.publishedUrl(), light.location()));
    putIfPresent(doc, "datePublished", spec.datePublished());
    putIfPresent(doc, "countryOfOrigin", spec.country());
    if (spec.uploadedBy() != null) {
      ObjectNode creator = doc.putObject("creator");
      creator.put("@type", "sc:Person");
      creator.put("name", spec.uploadedBy());
    }
    putStrings(doc, "keywords", spec.keywords());
    putStrings(doc, "inLanguage", spec.languages());
    putStrings(doc, "about", spec.fieldsOfScience());
    doc.put("dateModified", light.profiledAt().toString());
    if (light.files().stream().anyMatch(f -> f.sha256() == null && f.containedIn() == null)) {
      // A database profiled by its jdbc: URL has no bytes to hash. Croissant (and mlcroissant's
      // validator) require a checksum on every top-level FileObject unless the dataset is live.
      doc.put("isLiveDataset", true);
    }

    HeavyProfile heavy = profile.heavy();
    if (heavy != null) {
      if (heavy.temporal() != null) {
        doc.put("temporalCoverage", heavy.temporal().iso());
      }
      if (heavy.spatial() != null) {
        ObjectNode place = doc.putObject("spatialCoverage");
        place.put("@type", "sc:Place");
        ObjectNode geo = place.putObject("geo");
        geo.put("@type", "sc:GeoShape");
        geo.put("box", heavy.spatial().geoShapeBox());
      }
    }

    ArrayNode distribution = doc.putArray("distribution");
    for (FileEntry f : light.files()) {
      ObjectNode o = distribution.addObject();
      o.put("@type", "cr:FileObject");
      o.put("@id", f.id());
      o.put("name", f.name());
      o.put("contentUrl", f.contentUrl());
      o.put("contentSize", f.size() + " B");
      o.put("encodingFormat", f.encodingFormat());
      if (f.sha256() != null) {
        o.put("sha256", f.sha256());
      }
      if (f.containedIn() != null) {
        o.putObject("containedIn").put("@id", f.containedIn());
      }
    }
    for (FileSetEntry s : light.fileSets()) {
      ObjectNode o = distribution.addObject();
      o.put("@type", "cr:FileSet");
      o.put("@id", s.id());
      o.put("name", s.name());
      o.put("encodingFormat", s.encodingFormat());
      if (s.includes().size() == 1) {
        o.put("includes", s.includes().get(0));
      } else {
        putStrings(o, "includes", s.includes());
      }
      if (s.containedIn() != null) {
        o.putObject("containedIn").put("@id", s.containedIn());
      }
    }

    if (heavy != null && !heavy.recordSets().isEmpty()) {
      ArrayNode recordSets = doc.putArray("recordSet");
      for (RecordSetProfile rs : heavy.recordSets()) {
        recordSets.add(recordSet(rs, light));
      }
    }
    if (heavy != null && !heavy.documents().isEmpty()) {
      // Documents have no records; their profile is attached to the FileObject they describe.
      for (DocumentProfile d : heavy.documents()) {
        for (JsonNode n : distribution) {
          if (d.fileId().equals(n.path("@id").asString())) {
            ((ObjectNode) n).set("annotation", documentAnnotations(d));
          }
        }
      }
    }
    return doc;
  }

  private static ObjectNode recordSet(RecordSetProfile rs, LightProfile light) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("@type", "cr:RecordSet");
    o.put("@id", rs.id());
    o.put("name", rs.name());
    o.put("description", rs.rows() + " records from " + rs.sourceId()
        + (rs.table() == null ? "" : " (" + rs.table() + ")"));
    ArrayNode fields = o.putArray("field");
    for (FieldProfile f : rs.fields()) {
      ObjectNode fo = fields.addObject();
      fo.put("@type", "cr:Field");
      fo.put("@id", f.id());
      fo.put("name", f.name());
      putDataType(fo, f);
      ObjectNode source = fo.putObject("source");
      source.putObject(rs.sourceIsFileSet() ? "fileSet" : "fileObject").put("@id", rs.sourceId());
      ObjectNode extract = source.putObject("extract");
      if (f.jsonPath() != null) {
        extract.put("jsonPath", f.jsonPath());
      } else {
        extract.put("column", f.column());
      }
      fo.set("annotation", statisticsAnnotations(f));
    }
    ArrayNode annotations = MAPPER.createArrayNode();
    annotations.add(annotation(rs.id() + "/stats/rows", "rows", "sc:Integer", rs.rows()));
    o.set("annotation", annotations);
    return o;
  }

  private static void putDataType(ObjectNode fo, FieldProfile f) {
    Set<String> types = new LinkedHashSet<>();
    types.add(f.dataType());
    for (SemanticType t : f.semanticTypes()) {
      types.add(t.term());
    }
    if (types.size() == 1) {
      fo.put("dataType", f.dataType());
    } else {
      ArrayNode a = fo.putArray("dataType");
      types.forEach(a::add);
    }
  }

  private static ArrayNode statisticsAnnotations(FieldProfile f) {
    FieldStatistics s = f.statistics();
    String base = f.id() + "/stats/";
    ArrayNode a = MAPPER.createArrayNode();
    a.add(annotation(base + "count", "count", "sc:Integer", s.count()));
    a.add(annotation(base + "missing", "missing", "sc:Integer", s.missing()));
    a.add(annotation(base + "distinct", "distinct", "sc:Integer", s.distinct()));
    if (s.min() != null) {
      a.add(annotation(base + "min", "min", "sc:Float", s.min()));
      a.add(annotation(base + "max", "max", "sc:Float", s.max()));
      a.add(annotation(base + "mean", "mean", "sc:Float", s.mean()));
      a.add(annotation(base + "stddev", "stddev", "sc:Float", s.stddev()));
      for (Map.Entry<String, Double> q : s.quantiles().entrySet()) {
        a.add(annotation(base + q.getKey(), q.getKey(), "sc:Float", q.getValue()));
      }
    }
    if (s.minLength() != null) {
      a.add(annotation(base + "minLength", "minLength", "sc:Integer", s.minLength()));
      a.add(annotation(base + "maxLength", "maxLength", "sc:Integer", s.maxLength()));
      a.add(annotation(base + "meanLength", "meanLength", "sc:Float", s.meanLength()));
    }
    if (!s.topValues().isEmpty()) {
      a.add(annotation(base + "topValues", "topValues", "sc:Text",
          MAPPER.writeValueAsString(s.topValues())));
    }
    if (s.histogram() != null) {
      a.add(annotation(base + "histogram", "histogram", "sc:Text",
          MAPPER.writeValueAsString(s.histogram())));
    }
    if (!s.samples().isEmpty()) {
      a.add(annotation(base + "samples", "samples", "sc:Text", MAPPER.writeValueAsString(s.samples())));
    }
    if (f.temporal() != null) {
      a.add(annotation(base + "temporalCoverage", "temporalCoverage", "sc:Text", f.temporal().iso()));
      a.add(annotation(base + "temporalResolution", "temporalResolution", "sc:Text",
          f.temporal().resolution().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (f.spatial() != null) {
      a.add(annotation(base + "spatialCoverage", "spatialCoverage", "sc:Text", f.spatial().geoShapeBox()));
    }
    return a;
  }

  private static ArrayNode documentAnnotations(DocumentProfile d) {
    String base = d.fileId() + "/stats/";
    ArrayNode a = MAPPER.createArrayNode();
    a.add(annotation(base + "pages", "pages", "sc:Integer", d.pages()));
    a.add(annotation(base + "characters", "characters", "sc:Integer", d.characters()));
    a.add(annotation(base + "words", "words", "sc:Integer", d.words()));
    a.add(annotation(base + "lines", "lines", "sc:Integer", d.lines()));
    if (d.language() != null) {
      a.add(annotation(base + "language", "language", "sc:Text", d.language()));
    }
    for (Map.Entry<String, String> m : d.metadata().entrySet()) {
      a.add(annotation(base + m.getKey(), m.getKey(), "sc:Text", m.getValue()));
    }
    return a;
  }

  private static ObjectNode annotation(String id, String name, String dataType, Object value) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("@type", "cr:Field");
    o.put("@id", id.replace(' ', '_'));
    o.put("name", name);
    o.put("dataType", dataType);
    o.set("value", MAPPER.valueToTree(value));
    return o;
  }

  private static ObjectNode context() {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("@language", "en");
    c.put("@vocab", "https://schema.org/");
    c.put("sc", "https://schema.org/");
    c.put("cr", "http://mlcommons.org/croissant/");
    c.put("rai", "http://mlcommons.org/croissant/RAI/");
    c.put("dct", "http://purl.org/dc/terms/");
    c.put("wd", "https://www.wikidata.org/wiki/");
    c.put("annotation", "cr:annotation");
    c.put("citeAs", "cr:citeAs");
    c.put("column", "cr:column");
    c.put("conformsTo", "dct:conformsTo");
    c.put("containedIn", "cr:containedIn");
    c.putObject("data").put("@id", "cr:data").put("@type", "@json");
    c.putObject("dataType").put("@id", "cr:dataType").put("@type", "@vocab");
    c.putObject("examples").put("@id", "cr:examples").put("@type", "@json");
    c.put("extract", "cr:extract");
    c.put("field", "cr:field");
    c.put("fileProperty", "cr:fileProperty");
    c.put("fileObject", "cr:fileObject");
    c.put("fileSet", "cr:fileSet");
    c.put("format", "cr:format");
    c.put("includes", "cr:includes");
    c.put("isLiveDataset", "cr:isLiveDataset");
    c.put("jsonPath", "cr:jsonPath");
    c.put("key", "cr:key");
    c.put("md5", "cr:md5");
    c.put("parentField", "cr:parentField");
    c.put("path", "cr:path");
    c.put("recordSet", "cr:recordSet");
    c.put("references", "cr:references");
    c.put("regex", "cr:regex");
    c.put("repeated", "cr:repeated");
    c.put("replace", "cr:replace");
    c.put("separator", "cr:separator");
    c.put("source", "cr:source");
    c.put("subField", "cr:subField");
    c.put("transform", "cr:transform");
    c.put("value", "cr:value");
    return c;
  }

  private static void putIfPresent(ObjectNode o, String key, String value) {
    if (value != null && !value.isBlank()) {
      o.put(key, value);
    }
  }

  private static void putStrings(ObjectNode o, String key, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode a = o.putArray(key);
      values.forEach(a::add);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "dataset";
  }

  private static String lastSegment(String location) {
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    int slash = l.lastIndexOf('/');
    return slash < 0 ? l : l.substring(slash + 1);
  }
}
