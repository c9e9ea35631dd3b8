package dev.quarry.profile;

import static dev.quarry.profile.ProfileTesting.annotations;
import static dev.quarry.profile.ProfileTesting.croissant;
import static dev.quarry.profile.ProfileTesting.croissantDistribution;
import static dev.quarry.profile.ProfileTesting.croissantField;
import static dev.quarry.profile.ProfileTesting.croissantRecordSet;
import static dev.quarry.profile.ProfileTesting.dataTypes;
import static dev.quarry.profile.ProfileTesting.document;
import static dev.quarry.profile.ProfileTesting.field;
import static dev.quarry.profile.ProfileTesting.fieldNames;
import static dev.quarry.profile.ProfileTesting.file;
import static dev.quarry.profile.ProfileTesting.recordSet;
import static dev.quarry.profile.ProfileTesting.recordSetIds;
import static dev.quarry.profile.ProfileTesting.sha256;
import static dev.quarry.profile.ProfileTesting.topCount;
import static dev.quarry.profile.ProfileTesting.topValueNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.stats.TemporalResolution;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Profiles one small file (or folder, or database) of every format Quarry reads, made here with the
 * format's own library, and checks the record sets, data types, semantic types and statistics the
 * profile finds against what was written, and that the Croissant document passes the validator's
 * checks.
 */
class ProfileFormatsTest {

  private static LocalEngine engine;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private Profile profile(Path path) throws IOException {
    return ProfileTesting.profile(engine, path);
  }

  // ------------------------------------------------------------------ delimited text

  @Test
  void commaSeparatedValues() throws Exception {
    People people = new People(30);
    Path csv = write("people.csv", people.delimited(","));
    Profile p = profile(csv);

    assertThat(p.light().files()).hasSize(1);
    FileEntry f = file(p, "people.csv");
    assertThat(f.encodingFormat()).isEqualTo("text/csv");
    assertThat(f.size()).isEqualTo(Files.size(csv));
    assertThat(f.sha256()).isEqualTo(sha256(csv));
    assertThat(recordSetIds(p)).containsExactly("people");
    RecordSetProfile rs = recordSet(p, "people");
    assertThat(rs.sourceId()).isEqualTo("people.csv");
    assertThat(rs.sourceIsFileSet()).isFalse();
    people.assertProfiled(rs);
    assertThat(p.heavy().temporal().start())
        .isEqualTo(People.FIRST_JOINED.atStartOfDay().toInstant(ZoneOffset.UTC));

    JsonNode doc = croissant(p);
    JsonNode age = croissantField(doc, "people/age");
    assertThat(dataTypes(age)).containsExactly("sc:Integer");
    assertThat(age.path("source").path("fileObject").path("@id").asString()).isEqualTo("people.csv");
    assertThat(age.path("source").path("extract").path("column").asString()).isEqualTo("age");
    Map<String, JsonNode> stats = annotations(age);
    assertThat(stats.get("count").asLong()).isEqualTo(30);
    assertThat(stats.get("missing").asLong()).isEqualTo(people.missingAges());
    assertThat(stats.get("mean").asDouble()).isCloseTo(ProfileTesting.mean(people.ages()), within(1e-9));
    assertThat(dataTypes(croissantField(doc, "people/city"))).containsExactly("sc:Text", "sc:Enumeration");
    assertThat(dataTypes(croissantField(doc, "people/joined"))).containsExactly("sc:Date", "sc:DateTime");
    assertThat(doc.path("temporalCoverage").asString())
        .isEqualTo(People.FIRST_JOINED + "T00:00:00Z/" + people.joined(29) + "T00:00:00Z");
    assertThat(annotations(croissantRecordSet(doc, "people")).get("rows").asLong()).isEqualTo(30);
  }

  @Test
  void tabSeparatedValues() throws Exception {
    People people = new People(30);
    Path tsv = write("people.tsv", people.delimited("\t"));
    Profile p = profile(tsv);
    assertThat(file(p, "people.tsv").encodingFormat()).isEqualTo("text/tab-separated-values");
    people.assertProfiled(recordSet(p, "people"));
    croissant(p);
  }

  @Test
  void semicolonsWithTwoJunkLinesBeforeTheHeader() throws Exception {
    StringBuilder sb = new StringBuilder("Monthly sales report\nExported 2024-05-01 by the shop system\n");
    sb.append("region;product;units;price\n");
    String[] regions = {"North", "South"};
    long units = 0;
    for (int i = 0; i < 12; i++) {
      sb.append(regions[i % 2]).append(';').append("Widget ").append(i).append(';').append(i * 3)
          .append(';').append(i + 0.25).append('\n');
      units += i * 3;
    }
    Profile p = profile(write("sales.csv", sb.toString()));
    RecordSetProfile rs = recordSet(p, "sales");
    assertThat(fieldNames(rs)).containsExactly("region", "product", "units", "price");
    assertThat(rs.rows()).isEqualTo(12);
    FieldProfile u = field(rs, "units");
    assertThat(u.dataType()).isEqualTo("sc:Integer");
    assertThat(u.statistics().mean() * 12).isCloseTo(units, within(1e-9));
    assertThat(u.statistics().max()).isEqualTo(33.0);
    assertThat(field(rs, "price").dataType()).isEqualTo("sc:Float");
    assertThat(field(rs, "region").statistics().distinct()).isEqualTo(2);
    assertThat(topValueNames(field(rs, "region"))).containsExactlyInAnyOrder("North", "South");
    croissant(p);
  }

  @Test
  void latin1EncodedCsv() throws Exception {
    String text = "name,city,drink\n"
        + "José,Málaga,café\n"
        + "Zoë,Besançon,thé\n"
        + "Jürgen,Köln,café\n"
        + "Ægir,Tromsø,crème brûlée\n"
        + "Inès,Orléans,café\n";
    Profile p = profile(write("latin1.csv", text, StandardCharsets.ISO_8859_1));
    RecordSetProfile rs = recordSet(p, "latin1");
    assertThat(rs.rows()).isEqualTo(5);
    FieldProfile drink = field(rs, "drink");
    assertThat(topCount(drink, "café")).isEqualTo(3);
    assertThat(field(rs, "city").statistics().samples()).contains("Málaga", "Besançon", "Köln",
        "Tromsø", "Orléans");
    assertThat(field(rs, "name").statistics().samples()).contains("José", "Zoë", "Ægir");
    croissant(p);
  }

  @Test
  void windows1252EncodedCsv() throws Exception {
    // € (0x80), ’ (0x92) and “ ” (0x93, 0x94) exist in Windows-1252 but not in Latin-1.
    String text = "item,price,note\n"
        + "café crème,3 €,l’addition\n"
        + "thé,2 €,“chaud”\n"
        + "café,2 €,déjà vu\n"
        + "crêpe,5 €,n’importe\n";
    Profile p = profile(write("cp1252.csv", text, Charset.forName("windows-1252")));
    RecordSetProfile rs = recordSet(p, "cp1252");
    assertThat(rs.rows()).isEqualTo(4);
    assertThat(field(rs, "item").statistics().samples()).contains("café crème", "café", "crêpe");
    assertThat(topCount(field(rs, "price"), "2 €")).isEqualTo(2);
    assertThat(field(rs, "note").statistics().samples()).contains("l’addition", "“chaud”");
    croissant(p);
  }

  @Test
  void utf16WithByteOrderMark() throws Exception {
    String text = "city,country,population\n"
        + "Zürich,Schweiz,421878\n"
        + "Genève,Suisse,203856\n"
        + "Malmö,Sverige,351749\n"
        + "Kraków,Polska,804237\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE}); // little-endian BOM, as Windows writes it
    bytes.write(text.getBytes(StandardCharsets.UTF_16LE));
    Path path = dir.resolve("cities.csv");
    Files.write(path, bytes.toByteArray());
    Profile p = profile(path);
    RecordSetProfile rs = recordSet(p, "cities");
    assertThat(fieldNames(rs)).containsExactly("city", "country", "population");
    assertThat(rs.rows()).isEqualTo(4);
    assertThat(field(rs, "city").statistics().samples())
        .containsExactlyInAnyOrder("Zürich", "Genève", "Malmö", "Kraków");
    FieldProfile pop = field(rs, "population");
    assertThat(pop.dataType()).isEqualTo("sc:Integer");
    assertThat(pop.statistics().min()).isEqualTo(203856.0);
    assertThat(pop.statistics().max()).isEqualTo(804237.0);
    croissant(p);
  }

  @Test
  void geographicAndWebColumns() throws Exception {
    StringBuilder sb = new StringBuilder("station,lat,lon,site,location,contact\n");
    double[][] points = {{48.85, 2.35}, {45.76, 4.84}, {43.70, 7.27}, {50.63, 3.06}, {44.84, -0.58}};
    for (int i = 0; i < points.length; i++) {
      sb.append("S").append(i).append(',').append(points[i][0]).append(',').append(points[i][1])
          .append(",https://example.org/stations/").append(i).append(",POINT (")
          .append(points[i][1]).append(' ').append(points[i][0]).append("),ops").append(i)
          .append("@example.org\n");
    }
    Profile p = profile(write("stations.csv", sb.toString()));
    RecordSetProfile rs = recordSet(p, "stations");
    FieldProfile lat = field(rs, "lat");
    assertThat(lat.dataType()).isEqualTo("sc:Float");
    assertThat(lat.semanticTypes()).contains(SemanticType.LATITUDE);
    assertThat(field(rs, "lon").semanticTypes()).contains(SemanticType.LONGITUDE);
    SpatialCoverage box = new SpatialCoverage(-0.58, 43.70, 7.27, 50.63);
    assertThat(lat.spatial()).isEqualTo(box);
    FieldProfile site = field(rs, "site");
    assertThat(site.dataType()).isEqualTo("sc:URL");
    assertThat(site.semanticTypes()).contains(SemanticType.URL);
    FieldProfile location = field(rs, "location");
    assertThat(location.semanticTypes()).contains(SemanticType.WKT_POINT);
    assertThat(location.spatial()).isEqualTo(box);
    assertThat(field(rs, "contact").semanticTypes()).contains(SemanticType.EMAIL);
    assertThat(p.heavy().spatial()).isEqualTo(box);
    JsonNode doc = croissant(p);
    assertThat(doc.path("spatialCoverage").path("geo").path("box").asString())
        .isEqualTo("43.7 -0.58 50.63 7.27");
    assertThat(dataTypes(croissantField(doc, "stations/lat"))).containsExactly("sc:Float", "sc:latitude");
  }

  @Test
  void dayFirstAndMonthFirstDates() throws Exception {
    // 31/12 can only be day-first: the ambiguous 02/03/2024 is then the 2nd of March
    Profile eu = profile(write("eu.csv", "day,v\n31/12/2023,1\n15/01/2024,2\n02/03/2024,3\n01/02/2024,4\n"));
    FieldProfile euDay = field(recordSet(eu, "eu"), "day");
    assertThat(euDay.dataType()).isEqualTo("sc:Date");
    assertThat(euDay.temporal().start()).isEqualTo(Instant.parse("2023-12-31T00:00:00Z"));
    assertThat(euDay.temporal().end()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
    // 12/31 can only be month-first: 02/03/2024 is then the 3rd of February
    Profile us = profile(write("us.csv", "day,v\n12/31/2023,1\n01/15/2024,2\n02/03/2024,3\n01/02/2024,4\n"));
    FieldProfile usDay = field(recordSet(us, "us"), "day");
    assertThat(usDay.dataType()).isEqualTo("sc:Date");
    assertThat(usDay.temporal().start()).isEqualTo(Instant.parse("2023-12-31T00:00:00Z"));
    assertThat(usDay.temporal().end()).isEqualTo(Instant.parse("2024-02-03T00:00:00Z"));
  }

  // ------------------------------------------------------------------ JSON

  @Test
  void jsonArrayOfNestedObjects() throws Exception {
    StringBuilder sb = new StringBuilder("[\n");
    String[] cities = {"Paris", "Berlin"};
    for (int i = 0; i < 10; i++) {
      sb.append(String.format(java.util.Locale.ROOT,
          "{\"id\": %d, \"name\": \"user %d\", \"address\": {\"city\": \"%s\", \"zip\": \"%05d\"},"
              + " \"tags\": [\"a\", \"b\"], \"score\": %s}%s\n",
          i + 1, i, cities[i % 2], 10000 + i, i % 4 == 0 ? "null" : Double.toString(i * 1.5),
          i < 9 ? "," : ""));
    }
    sb.append("]\n");
    Profile p = profile(write("users.json", sb.toString()));
    assertThat(file(p, "users.json").encodingFormat()).isEqualTo("application/json");
    RecordSetProfile rs = recordSet(p, "users");
    assertThat(rs.rows()).isEqualTo(10);
    assertThat(fieldNames(rs)).contains("id", "name", "address.city", "address.zip", "score");
    FieldProfile city = field(rs, "address.city");
    assertThat(city.jsonPath()).isEqualTo("$[*].address.city");
    assertThat(city.column()).isNull();
    assertThat(city.dataType()).isEqualTo("sc:Text");
    assertThat(topCount(city, "Paris")).isEqualTo(5);
    // "00000"-style zips are strings in JSON and must stay text, not become integers
    assertThat(field(rs, "address.zip").dataType()).isEqualTo("sc:Text");
    FieldProfile id = field(rs, "id");
    assertThat(id.dataType()).isEqualTo("sc:Integer");
    assertThat(id.semanticTypes()).contains(SemanticType.IDENTIFIER);
    FieldProfile score = field(rs, "score");
    assertThat(score.dataType()).isEqualTo("sc:Float");
    assertThat(score.statistics().missing()).isEqualTo(3); // i = 0, 4, 8
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += i % 4 == 0 ? 0 : i * 1.5;
    }
    assertThat(score.statistics().mean()).isCloseTo(sum / 7, within(1e-9));

    JsonNode doc = croissant(p);
    JsonNode cityField = croissantField(doc, "users/address.city");
    assertThat(cityField.path("source").path("extract").path("jsonPath").asString())
        .isEqualTo("$[*].address.city");
    assertThat(croissantField(doc, "users/id").path("source").path("extract").path("jsonPath")
        .asString()).isEqualTo("$[*].id");
  }

  @Test
  void jsonObjectHoldingTwoArraysIsTwoRecordSets() throws Exception {
    StringBuilder sb = new StringBuilder("{\"version\": 2, \"customers\": [");
    for (int i = 0; i < 6; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"customer_id\": ").append(100 + i)
          .append(", \"country\": \"").append(i % 2 == 0 ? "FR" : "DE").append("\"}");
    }
    sb.append("], \"orders\": [");
    double total = 0;
    for (int i = 0; i < 9; i++) {
      double amount = 10 + i * 2.5;
      total += amount;
      sb.append(i == 0 ? "" : ",").append("{\"order_id\": ").append(i + 1)
          .append(", \"customer_id\": ").append(100 + i % 6).append(", \"amount\": ").append(amount)
          .append("}");
    }
    sb.append("]}");
    Profile p = profile(write("shop.json", sb.toString()));
    assertThat(recordSetIds(p)).containsExactlyInAnyOrder("shop.customers", "shop.orders");
    RecordSetProfile customers = recordSet(p, "shop.customers");
    assertThat(customers.table()).isEqualTo("customers");
    assertThat(customers.rows()).isEqualTo(6);
    assertThat(fieldNames(customers)).containsExactly("customer_id", "country");
    assertThat(field(customers, "customer_id").jsonPath()).isEqualTo("$.customers[*].customer_id");
    assertThat(field(customers, "customer_id").semanticTypes()).contains(SemanticType.IDENTIFIER);
    RecordSetProfile orders = recordSet(p, "shop.orders");
    assertThat(orders.rows()).isEqualTo(9);
    FieldProfile amount = field(orders, "amount");
    assertThat(amount.jsonPath()).isEqualTo("$.orders[*].amount");
    assertThat(amount.dataType()).isEqualTo("sc:Float");
    assertThat(amount.statistics().mean()).isCloseTo(total / 9, within(1e-9));
    assertThat(field(orders, "customer_id").statistics().distinct()).isEqualTo(6);

    JsonNode doc = croissant(p);
    assertThat(croissantField(doc, "shop.orders/amount").path("source").path("extract")
        .path("jsonPath").asString()).isEqualTo("$.orders[*].amount");
  }

  static final Instant JSONL_T0 = Instant.parse("2024-02-29T23:59:30Z");

  @Test
  void jsonLines() throws Exception {
    StringBuilder sb = new StringBuilder();
    String[] events = {"click", "view", "buy", "view"};
    for (int i = 0; i < 40; i++) {
      sb.append("{\"seq\": ").append(i).append(", \"event\": \"").append(events[i % 4])
          .append("\", \"ok\": ").append(i % 5 != 0).append(", \"value\": ")
          .append(i % 8 == 7 ? "null" : Double.toString(i / 4.0))
          .append(", \"at\": \"").append(JSONL_T0.plusSeconds(i * 90L)).append("\"}\n");
    }
    Profile p = profile(write("events.jsonl", sb.toString()));
    assertThat(file(p, "events.jsonl").encodingFormat()).isEqualTo("application/jsonlines");
    RecordSetProfile rs = recordSet(p, "events");
    assertThat(rs.rows()).isEqualTo(40);
    assertThat(field(rs, "seq").dataType()).isEqualTo("sc:Integer");
    assertThat(field(rs, "seq").jsonPath()).isEqualTo("$.seq");
    FieldProfile event = field(rs, "event");
    assertThat(event.semanticTypes()).containsExactly(SemanticType.CATEGORICAL);
    assertThat(topCount(event, "view")).isEqualTo(20);
    FieldProfile ok = field(rs, "ok");
    assertThat(ok.dataType()).isEqualTo("sc:Boolean");
    assertThat(topCount(ok, "false")).isEqualTo(8);
    FieldProfile value = field(rs, "value");
    assertThat(value.statistics().missing()).isEqualTo(5);
    assertThat(value.statistics().max()).isEqualTo(38 / 4.0);
    // JSON has no date type: ISO strings stay text, but they are times, and cover a period
    FieldProfile at = field(rs, "at");
    assertThat(at.dataType()).isEqualTo("sc:Text");
    assertThat(at.semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(at.temporal()).isNotNull();
    assertThat(at.temporal().start()).isEqualTo(JSONL_T0);
    assertThat(at.temporal().end()).isEqualTo(JSONL_T0.plusSeconds(39 * 90L));
    assertThat(at.temporal().resolution()).isEqualTo(TemporalResolution.SECOND);
    assertThat(p.heavy().temporal()).isEqualTo(at.temporal());
    JsonNode doc = croissant(p);
    assertThat(dataTypes(croissantField(doc, "events/at"))).containsExactly("sc:Text", "sc:DateTime");
    assertThat(doc.path("temporalCoverage").asString()).isEqualTo(at.temporal().iso());
  }

  // ------------------------------------------------------------------ Parquet

  static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType("""
      message measurements {
        required int32 id;
        optional int64 big;
        required double score;
        optional binary label (STRING);
        required boolean flag;
        required int32 day (DATE);
        required int64 ts (TIMESTAMP(MILLIS,true));
        required int64 price (DECIMAL(12,2));
      }
      """);

  static final LocalDate PARQUET_DAY0 = LocalDate.of(2023, 6, 1);
  static final Instant PARQUET_TS0 = Instant.parse("2023-06-01T08:30:00Z");

  /** Writes {@code rows} measurement rows in row groups of {@code rowsPerGroup}. */
  static void writeParquet(Path path, int rows, int rowsPerGroup) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
        .withType(PARQUET_SCHEMA)
        .withRowGroupRowCountLimit(rowsPerGroup)
        .withPageRowCountLimit(Math.min(rowsPerGroup, 20_000))
        .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        g.append("id", i);
        if (i % 5 != 0) {
          g.append("big", i * 1_000_003L);
        }
        g.append("score", parquetScore(i));
        if (i % 7 != 3) {
          g.append("label", "L" + (i % 4));
        }
        g.append("flag", i % 3 == 0);
        g.append("day", (int) PARQUET_DAY0.plusDays(i % 200).toEpochDay());
        g.append("ts", PARQUET_TS0.plusSeconds(i * 61L).toEpochMilli());
        g.append("price", 1000L + i); // 10.00 + i/100
        writer.write(g);
      }
    }
  }

  static double parquetScore(int i) {
    return Math.sin(i) * 100;
  }

  @Test
  void parquetTypesAndStatistics() throws Exception {
    int rows = 50;
    Path path = dir.resolve("measurements.parquet");
    writeParquet(path, rows, 1000);
    Profile p = profile(path);
    assertThat(file(p, "measurements.parquet").encodingFormat()).isEqualTo("application/x-parquet");
    RecordSetProfile rs = recordSet(p, "measurements");
    assertThat(rs.rows()).isEqualTo(rows);
    assertThat(fieldNames(rs)).containsExactly("id", "big", "score", "label", "flag", "day", "ts", "price");
    assertThat(field(rs, "id").dataType()).isEqualTo("sc:Integer");
    assertThat(field(rs, "id").semanticTypes()).contains(SemanticType.IDENTIFIER);
    FieldProfile big = field(rs, "big");
    assertThat(big.dataType()).isEqualTo("sc:Integer");
    assertThat(big.statistics().missing()).isEqualTo(10);
    assertThat(big.statistics().max()).isEqualTo(49 * 1_000_003.0);
    FieldProfile score = field(rs, "score");
    assertThat(score.dataType()).isEqualTo("sc:Float");
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      sum += parquetScore(i);
    }
    assertThat(score.statistics().mean()).isCloseTo(sum / rows, within(1e-9));
    FieldProfile label = field(rs, "label");
    assertThat(label.dataType()).isEqualTo("sc:Text");
    assertThat(label.statistics().missing()).isEqualTo(7); // 3, 10, 17, ..., 45
    assertThat(label.statistics().distinct()).isEqualTo(4);
    assertThat(label.semanticTypes()).containsExactly(SemanticType.CATEGORICAL);
    FieldProfile flag = field(rs, "flag");
    assertThat(flag.dataType()).isEqualTo("sc:Boolean");
    assertThat(topCount(flag, "true")).isEqualTo(17);
    FieldProfile day = field(rs, "day");
    assertThat(day.dataType()).isEqualTo("sc:Date");
    assertThat(day.temporal().start()).isEqualTo(PARQUET_DAY0.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(day.temporal().end())
        .isEqualTo(PARQUET_DAY0.plusDays(rows - 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    FieldProfile ts = field(rs, "ts");
    assertThat(ts.dataType()).isEqualTo("sc:DateTime");
    assertThat(ts.semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(ts.temporal().start()).isEqualTo(PARQUET_TS0);
    assertThat(ts.temporal().end()).isEqualTo(PARQUET_TS0.plusSeconds((rows - 1) * 61L));
    assertThat(ts.temporal().resolution()).isEqualTo(TemporalResolution.SECOND);
    FieldProfile price = field(rs, "price");
    assertThat(price.dataType()).isEqualTo("sc:Float");
    assertThat(price.statistics().min()).isEqualTo(10.0);
    assertThat(price.statistics().max()).isCloseTo(10.49, within(1e-9));
    assertThat(price.statistics().mean()).isCloseTo(10.245, within(1e-9));

    JsonNode doc = croissant(p);
    assertThat(dataTypes(croissantField(doc, "measurements/ts"))).containsExactly("sc:DateTime");
    assertThat(dataTypes(croissantField(doc, "measurements/day"))).containsExactly("sc:Date", "sc:DateTime");
  }

  // ------------------------------------------------------------------ Excel

  @Test
  void xlsxWithTwoSheets() throws Exception {
    Path path = dir.resolve("book.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      fillPeopleSheet(wb, wb.createSheet("Staff"));
      Sheet cities = wb.createSheet("Cities");
      header(cities, "city", "population");
      String[] names = {"Oslo", "Bergen", "Trondheim"};
      long[] pops = {709_037, 291_940, 214_565};
      for (int i = 0; i < 3; i++) {
        Row r = cities.createRow(i + 1);
        r.createCell(0).setCellValue(names[i]);
        r.createCell(1).setCellValue(pops[i]);
      }
      try (OutputStream out = Files.newOutputStream(path)) {
        wb.write(out);
      }
    }
    Profile p = profile(path);
    assertThat(file(p, "book.xlsx").encodingFormat())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(recordSetIds(p)).containsExactlyInAnyOrder("book.Staff", "book.Cities");
    assertStaff(recordSet(p, "book.Staff"));
    RecordSetProfile cities = recordSet(p, "book.Cities");
    assertThat(cities.table()).isEqualTo("Cities");
    assertThat(cities.rows()).isEqualTo(3);
    assertThat(field(cities, "population").dataType()).isEqualTo("sc:Integer");
    assertThat(field(cities, "population").statistics().max()).isEqualTo(709_037.0);
    JsonNode doc = croissant(p);
    assertThat(croissantRecordSet(doc, "book.Cities").path("description").asString())
        .contains("(Cities)");
  }

  @Test
  void legacyXlsWorkbook() throws Exception {
    Path path = dir.resolve("legacy.xls");
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      fillPeopleSheet(wb, wb.createSheet("Staff"));
      try (OutputStream out = Files.newOutputStream(path)) {
        wb.write(out);
      }
    }
    Profile p = profile(path);
    assertThat(file(p, "legacy.xls").encodingFormat()).isEqualTo("application/vnd.ms-excel");
    assertThat(recordSetIds(p)).containsExactly("legacy.Staff");
    assertStaff(recordSet(p, "legacy.Staff"));
    croissant(p);
  }

  private static final LocalDate STAFF_BORN0 = LocalDate.of(1980, 2, 3);
  private static final LocalDateTime STAFF_SEEN0 = LocalDateTime.of(2024, 1, 15, 9, 45, 0);

  private static void fillPeopleSheet(Workbook wb, Sheet sheet) {
    CellStyle date = wb.createCellStyle();
    date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
    CellStyle dateTime = wb.createCellStyle();
    dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
    header(sheet, "id", "name", "born", "last_seen", "salary", "team");
    for (int i = 0; i < 12; i++) {
      Row r = sheet.createRow(i + 1);
      r.createCell(0).setCellValue(i + 1);
      r.createCell(1).setCellValue("Employee " + i);
      var born = r.createCell(2);
      born.setCellValue(STAFF_BORN0.plusYears(i).plusDays(i));
      born.setCellStyle(date);
      var seen = r.createCell(3);
      seen.setCellValue(STAFF_SEEN0.plusHours(i * 5L).plusMinutes(i));
      seen.setCellStyle(dateTime);
      if (i != 4) {
        r.createCell(4).setCellValue(3000.5 + i * 100);
      }
      r.createCell(5).setCellValue(i % 2 == 0 ? "red" : "blue");
    }
  }

  private static void header(Sheet sheet, String... names) {
    Row r = sheet.createRow(0);
    for (int i = 0; i < names.length; i++) {
      r.createCell(i).setCellValue(names[i]);
    }
  }

  private static void assertStaff(RecordSetProfile rs) {
    assertThat(rs.table()).isEqualTo("Staff");
    assertThat(rs.rows()).isEqualTo(12);
    assertThat(fieldNames(rs)).containsExactly("id", "name", "born", "last_seen", "salary", "team");
    assertThat(field(rs, "id").dataType()).isEqualTo("sc:Integer");
    FieldProfile born = field(rs, "born");
    assertThat(born.dataType()).isEqualTo("sc:Date");
    assertThat(born.temporal().start()).isEqualTo(STAFF_BORN0.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(born.temporal().end())
        .isEqualTo(STAFF_BORN0.plusYears(11).plusDays(11).atStartOfDay().toInstant(ZoneOffset.UTC));
    FieldProfile seen = field(rs, "last_seen");
    assertThat(seen.dataType()).isEqualTo("sc:DateTime");
    assertThat(seen.temporal().end())
        .isEqualTo(STAFF_SEEN0.plusHours(55).plusMinutes(11).toInstant(ZoneOffset.UTC));
    assertThat(seen.temporal().resolution()).isEqualTo(TemporalResolution.MINUTE);
    FieldProfile salary = field(rs, "salary");
    assertThat(salary.dataType()).isEqualTo("sc:Float");
    assertThat(salary.statistics().missing()).isEqualTo(1);
    double sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += i == 4 ? 0 : 3000.5 + i * 100;
    }
    assertThat(salary.statistics().mean()).isCloseTo(sum / 11, within(1e-9));
    assertThat(field(rs, "team").statistics().distinct()).isEqualTo(2);
    assertThat(topCount(field(rs, "team"), "red")).isEqualTo(6);
  }

  // ------------------------------------------------------------------ archives

  @Test
  void gzippedCsv() throws Exception {
    People people = new People(30);
    byte[] csv = people.delimited(",").getBytes(StandardCharsets.UTF_8);
    Path gz = dir.resolve("people.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(csv);
    }
    Profile p = profile(gz);
    FileEntry archive = file(p, "people.csv.gz");
    assertThat(archive.encodingFormat()).isEqualTo("application/gzip");
    assertThat(archive.sha256()).isEqualTo(sha256(gz));
    assertThat(archive.containedIn()).isNull();
    FileEntry member = file(p, "people.csv.gz/people.csv");
    assertThat(member.containedIn()).isEqualTo("people.csv.gz");
    assertThat(member.contentUrl()).isEqualTo("people.csv");
    assertThat(member.encodingFormat()).isEqualTo("text/csv");
    assertThat(member.sha256()).isEqualTo(sha256(csv));
    assertThat(member.size()).isEqualTo(csv.length);
    RecordSetProfile rs = recordSet(p, "people");
    assertThat(rs.sourceId()).isEqualTo("people.csv.gz/people.csv");
    people.assertProfiled(rs);
    JsonNode doc = croissant(p);
    assertThat(croissantDistribution(doc, "people.csv.gz/people.csv").path("containedIn")
        .path("@id").asString()).isEqualTo("people.csv.gz");
  }

  @Test
  void gzippedJsonLines() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      jsonl.append("{\"id\": ").append(i).append(", \"team\": \"").append(i % 2 == 0 ? "red" : "blue")
          .append("\"}\n");
    }
    Path gz = dir.resolve("events.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
    // A gzip member's size is unknown until it is read: the reader streams it to the end.
    Profile p = profile(gz);
    RecordSetProfile rs = recordSet(p, "events");
    assertThat(rs.sourceId()).isEqualTo("events.jsonl.gz/events.jsonl");
    assertThat(topCount(field(rs, "team"), "red")).isEqualTo(20);
    assertThat(field(rs, "id").statistics().max()).isEqualTo(39.0);
  }

  @Test
  void zipHoldingCsvAndParquet() throws Exception {
    People people = new People(30);
    byte[] csv = people.delimited(",").getBytes(StandardCharsets.UTF_8);
    Path parquet = dir.resolve("tmp-measurements.parquet");
    writeParquet(parquet, 50, 1000);
    byte[] parquetBytes = Files.readAllBytes(parquet);
    Files.delete(parquet);
    Path zip = dir.resolve("bundle.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("tables/people.csv"));
      out.write(csv);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("tables/measurements.parquet"));
      out.write(parquetBytes);
      out.closeEntry();
    }
    Profile p = profile(zip);
    assertThat(file(p, "bundle.zip").encodingFormat()).isEqualTo("application/zip");
    FileEntry csvMember = file(p, "bundle.zip/tables/people.csv");
    assertThat(csvMember.containedIn()).isEqualTo("bundle.zip");
    assertThat(csvMember.contentUrl()).isEqualTo("tables/people.csv");
    assertThat(csvMember.sha256()).isEqualTo(sha256(csv));
    FileEntry parquetMember = file(p, "bundle.zip/tables/measurements.parquet");
    assertThat(parquetMember.containedIn()).isEqualTo("bundle.zip");
    assertThat(parquetMember.encodingFormat()).isEqualTo("application/x-parquet");
    assertThat(parquetMember.sha256()).isEqualTo(sha256(parquetBytes));
    assertThat(parquetMember.size()).isEqualTo(parquetBytes.length);

    assertThat(recordSetIds(p)).containsExactlyInAnyOrder("people", "measurements");
    people.assertProfiled(recordSet(p, "people"));
    RecordSetProfile m = recordSet(p, "measurements");
    assertThat(m.sourceId()).isEqualTo("bundle.zip/tables/measurements.parquet");
    assertThat(m.rows()).isEqualTo(50);
    assertThat(field(m, "ts").dataType()).isEqualTo("sc:DateTime");
    assertThat(field(m, "price").statistics().max()).isCloseTo(10.49, within(1e-9));
    croissant(p);
  }

  @Test
  void tarHoldingCsvAndText() throws Exception {
    People people = new People(30);
    byte[] csv = people.delimited(",").getBytes(StandardCharsets.UTF_8);
    byte[] text = ENGLISH.getBytes(StandardCharsets.UTF_8);
    Path tar = dir.resolve("release.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      addTarEntry(out, "data/people.csv", csv);
      addTarEntry(out, "README.txt", text);
    }
    Profile p = profile(tar);
    assertThat(file(p, "release.tar").encodingFormat()).isEqualTo("application/x-tar");
    assertThat(file(p, "release.tar/data/people.csv").containedIn()).isEqualTo("release.tar");
    assertThat(file(p, "release.tar/data/people.csv").sha256()).isEqualTo(sha256(csv));
    FileEntry readme = file(p, "release.tar/README.txt");
    assertThat(readme.containedIn()).isEqualTo("release.tar");
    assertThat(readme.encodingFormat()).isEqualTo("text/plain");
    people.assertProfiled(recordSet(p, "people"));
    DocumentProfile d = document(p, "release.tar/README.txt");
    assertThat(d.words()).isEqualTo(words(ENGLISH));
    assertThat(d.language()).isEqualTo("en");
    JsonNode doc = croissant(p);
    assertThat(annotations(croissantDistribution(doc, "release.tar/README.txt")).get("words").asLong())
        .isEqualTo(words(ENGLISH));
  }

  private static void addTarEntry(TarArchiveOutputStream out, String name, byte[] bytes)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    out.putArchiveEntry(e);
    out.write(bytes);
    out.closeArchiveEntry();
  }

  // ------------------------------------------------------------------ documents

  static final String ENGLISH = """
      The river runs quietly past the old mill, where the children used to play in summer.
      Every morning the baker opens his shop before sunrise and the smell of bread fills the street.
      Travellers who stop in the village often stay longer than they planned, because the people
      are friendly and the food is good.
      In the evening the square is full of music, and nobody is in a hurry to go home.
      """;

  /** Runs of letters or digits, as the profile counts words. */
  static long words(String text) {
    long n = 0;
    boolean in = false;
    for (char c : text.toCharArray()) {
      boolean w = Character.isLetterOrDigit(c);
      if (w && !in) {
        n++;
      }
      in = w;
    }
    return n;
  }

  @Test
  void plainEnglishText() throws Exception {
    Path path = write("story.txt", ENGLISH);
    Profile p = profile(path);
    assertThat(file(p, "story.txt").encodingFormat()).isEqualTo("text/plain");
    assertThat(p.heavy().recordSets()).isEmpty();
    DocumentProfile d = document(p, "story.txt");
    assertThat(d.pages()).isLessThanOrEqualTo(1);
    assertThat(d.lines()).isEqualTo(ENGLISH.lines().count());
    assertThat(d.words()).isEqualTo(words(ENGLISH));
    assertThat(d.characters()).isEqualTo(ENGLISH.length());
    assertThat(d.language()).isEqualTo("en");
    JsonNode doc = croissant(p);
    Map<String, JsonNode> a = annotations(croissantDistribution(doc, "story.txt"));
    assertThat(a.get("language").asString()).isEqualTo("en");
    assertThat(a.get("lines").asLong()).isEqualTo(5);
  }

  @Test
  void pdfWithTwoPagesAndMetadata() throws Exception {
    String[] page1 = {"Annual report of the river authority.", "Water levels were normal this year."};
    String[] page2 = {"The new bridge was opened in the spring.", "Fish returned to the upper river."};
    Path path = dir.resolve("report.pdf");
    try (PDDocument pdf = new PDDocument()) {
      for (String[] lines : List.of(page1, page2)) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
          cs.beginText();
          cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          cs.setLeading(16);
          cs.newLineAtOffset(72, 700);
          for (String line : lines) {
            cs.showText(line);
            cs.newLine();
          }
          cs.endText();
        }
      }
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle("River Report");
      info.setAuthor("Jane Doe");
      pdf.save(path.toFile());
    }
    Profile p = profile(path);
    assertThat(file(p, "report.pdf").encodingFormat()).isEqualTo("application/pdf");
    DocumentProfile d = document(p, "report.pdf");
    assertThat(d.pages()).isEqualTo(2);
    assertThat(d.metadata()).containsEntry("title", "River Report").containsEntry("author", "Jane Doe");
    assertThat(d.words()).isEqualTo(words(String.join(" ", page1) + " " + String.join(" ", page2)));
    assertThat(d.lines()).isGreaterThanOrEqualTo(4);
    assertThat(d.language()).isEqualTo("en");
    JsonNode doc = croissant(p);
    Map<String, JsonNode> a = annotations(croissantDistribution(doc, "report.pdf"));
    assertThat(a.get("pages").asInt()).isEqualTo(2);
    assertThat(a.get("title").asString()).isEqualTo("River Report");
    assertThat(a.get("author").asString()).isEqualTo("Jane Doe");
  }

  // ------------------------------------------------------------------ databases

  /** Creates customers (PK) and orders (PK, FK to customers, a date) in a database. */
  private static void fillShop(Connection c, String dateType) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL,"
          + " country VARCHAR(2))");
      st.execute("CREATE TABLE orders (order_no INTEGER PRIMARY KEY, customer INTEGER NOT NULL"
          + " REFERENCES customers(id), amount DOUBLE PRECISION, ordered " + dateType + ")");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)")) {
      for (int i = 1; i <= 10; i++) {
        ps.setInt(1, i);
        ps.setString(2, "Customer " + i);
        ps.setString(3, i % 2 == 0 ? "FR" : "DE");
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)")) {
      for (int i = 1; i <= 25; i++) {
        ps.setInt(1, i);
        ps.setInt(2, 1 + i % 10);
        if (i == 7) {
          ps.setNull(3, java.sql.Types.DOUBLE);
        } else {
          ps.setDouble(3, i * 2.5);
        }
        if (dateType.equals("DATE")) {
          ps.setObject(4, ORDER_DAY0.plusDays(i));
        } else {
          ps.setString(4, ORDER_DAY0.plusDays(i).toString());
        }
        ps.executeUpdate();
      }
    }
  }

  private static final LocalDate ORDER_DAY0 = LocalDate.of(2022, 12, 31);

  private static double orderAmountMean() {
    double sum = 0;
    for (int i = 1; i <= 25; i++) {
      sum += i == 7 ? 0 : i * 2.5;
    }
    return sum / 24;
  }

  private static void assertShop(RecordSetProfile customers, RecordSetProfile orders) {
    assertThat(customers.rows()).isEqualTo(10);
    FieldProfile id = field(customers, "id");
    assertThat(id.dataType()).isEqualTo("sc:Integer");
    assertThat(id.semanticTypes()).contains(SemanticType.IDENTIFIER);
    assertThat(id.statistics().distinct()).isEqualTo(10);
    FieldProfile country = field(customers, "country");
    assertThat(country.dataType()).isEqualTo("sc:Text");
    assertThat(country.statistics().distinct()).isEqualTo(2);
    assertThat(topCount(country, "FR")).isEqualTo(5);

    assertThat(orders.rows()).isEqualTo(25);
    FieldProfile amount = field(orders, "amount");
    assertThat(amount.dataType()).isEqualTo("sc:Float");
    assertThat(amount.statistics().missing()).isEqualTo(1);
    assertThat(amount.statistics().min()).isEqualTo(2.5);
    assertThat(amount.statistics().max()).isEqualTo(62.5);
    assertThat(amount.statistics().mean()).isCloseTo(orderAmountMean(), within(1e-9));
    List<Double> amounts = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      amounts.add(i == 7 ? null : i * 2.5);
    }
    assertThat(amount.statistics().stddev()).isCloseTo(People.stddev(amounts), within(1e-9));
    FieldProfile customer = field(orders, "customer");
    assertThat(customer.statistics().distinct()).isEqualTo(10);
    FieldProfile ordered = field(orders, "ordered");
    assertThat(ordered.dataType()).isEqualTo("sc:Date");
    assertThat(ordered.semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(ordered.temporal()).isNotNull();
    assertThat(ordered.temporal().start()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
    assertThat(ordered.temporal().end()).isEqualTo(Instant.parse("2023-01-25T00:00:00Z"));
  }

  @Test
  void sqliteAndDuckDbFilesInAFolder() throws Exception {
    Path data = Files.createDirectories(dir.resolve("dbs"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("shop.sqlite"))) {
      fillShop(c, "DATE");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("shop.duckdb"))) {
      fillShop(c, "DATE");
    }
    Profile p = profile(data);
    assertThat(file(p, "shop.sqlite").encodingFormat()).isEqualTo("application/vnd.sqlite3");
    assertThat(file(p, "shop.duckdb").encodingFormat()).isEqualTo("application/x-duckdb");
    // the same table names in two databases get distinct record set ids
    assertThat(recordSetIds(p)).hasSize(4).doesNotHaveDuplicates()
        .contains("customers", "orders");
    List<RecordSetProfile> sqlite = new ArrayList<>();
    List<RecordSetProfile> duck = new ArrayList<>();
    for (RecordSetProfile rs : p.heavy().recordSets()) {
      (rs.sourceId().equals("shop.sqlite") ? sqlite : duck).add(rs);
    }
    assertThat(duck).allMatch(rs -> rs.sourceId().equals("shop.duckdb"));
    for (List<RecordSetProfile> db : List.of(sqlite, duck)) {
      assertThat(db).hasSize(2);
      RecordSetProfile customers = db.stream().filter(r -> r.table().equals("customers")).findFirst()
          .orElseThrow();
      RecordSetProfile orders = db.stream().filter(r -> r.table().equals("orders")).findFirst()
          .orElseThrow();
      assertShop(customers, orders);
    }
    // DuckDB has quantile_cont: quantiles come from SQL
    RecordSetProfile duckOrders = duck.stream().filter(r -> r.table().equals("orders")).findFirst()
        .orElseThrow();
    assertThat(field(duckOrders, "amount").statistics().quantiles().get("p50"))
        .isCloseTo(medianOfAmounts(), within(1e-9));
    assertThat(p.heavy().temporal().start()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
    croissant(p);
  }

  @Test
  void sqlStatisticsOfLargeValuesAreAsPreciseAsAFileProfile() throws Exception {
    // Epoch seconds: large values with a small spread, where E[x^2] - E[x]^2 in doubles cancels
    // catastrophically. The same column profiled from a CSV file is the reference.
    Path data = Files.createDirectories(dir.resolve("clock"));
    StringBuilder csv = new StringBuilder("tick,epoch\n");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clock.sqlite"));
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE ticks (tick INTEGER PRIMARY KEY, epoch INTEGER NOT NULL)");
      for (int i = 0; i < 25; i++) {
        long epoch = 1_700_000_000L + i * 3L;
        st.execute("INSERT INTO ticks VALUES (" + i + ", " + epoch + ")");
        csv.append(i).append(',').append(epoch).append('\n');
      }
    }
    Path csvFile = write("ticks.csv", csv.toString());
    FieldProfile fromCsv = field(recordSet(profile(csvFile), "ticks"), "epoch");
    FieldProfile fromSql = field(recordSet(profile(data), "ticks"), "epoch");
    double expected = Math.sqrt(25 * 26 / 12.0) * 3; // sample stddev of 0, 3, ..., 72
    assertThat(fromCsv.statistics().stddev()).isCloseTo(expected, within(1e-6));
    assertThat(fromSql.statistics().mean()).isEqualTo(fromCsv.statistics().mean());
    assertThat(fromSql.statistics().stddev()).isCloseTo(expected, within(1e-6));
  }

  private static double medianOfAmounts() {
    List<Double> v = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      if (i != 7) {
        v.add(i * 2.5);
      }
    }
    v.sort(null);
    return (v.get(11) + v.get(12)) / 2; // 24 values: percentile_cont interpolates
  }

  @Test
  void postgresqlByJdbcUrl() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        fillShop(c, "DATE");
      }
      String url = pg.getJdbcUrl("postgres", "postgres");
      Profile p = new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of(url));
      assertThat(p.light().databaseTables()).extracting(DatabaseTableEntry::name)
          .containsExactlyInAnyOrder("customers", "orders");
      DatabaseTableEntry ordersEntry = p.light().databaseTables().stream()
          .filter(t -> t.name().equals("orders")).findFirst().orElseThrow();
      assertThat(ordersEntry.rows()).isEqualTo(25);
      assertThat(ordersEntry.primaryKey()).containsExactly("order_no");
      assertThat(ordersEntry.columns()).containsExactly("order_no", "customer", "amount", "ordered");
      assertThat(recordSetIds(p)).containsExactlyInAnyOrder("customers", "orders");
      RecordSetProfile orders = recordSet(p, "orders");
      assertShop(recordSet(p, "customers"), orders);
      FieldProfile amount = field(orders, "amount");
      assertThat(amount.statistics().quantiles()).containsOnlyKeys("p5", "p25", "p50", "p75", "p95");
      assertThat(amount.statistics().quantiles().get("p50")).isCloseTo(medianOfAmounts(), within(1e-9));
      assertThat(amount.statistics().quantiles().get("p5"))
          .isGreaterThanOrEqualTo(2.5).isLessThan(amount.statistics().quantiles().get("p25"));
      assertThat(field(orders, "order_no").semanticTypes()).contains(SemanticType.IDENTIFIER);
      assertThat(p.heavy().temporal().iso())
          .isEqualTo("2023-01-01T00:00:00Z/2023-01-25T00:00:00Z");
      assertThat(file(p, "database").contentUrl()).doesNotContain("password");
      JsonNode doc = croissant(p);
      assertThat(doc.path("isLiveDataset").asBoolean()).isTrue(); // no checksum for a live database
      assertThat(doc.path("temporalCoverage").asString())
          .isEqualTo("2023-01-01T00:00:00Z/2023-01-25T00:00:00Z");
    }
  }

  // ------------------------------------------------------------------ FileSets

  @Test
  void likeCsvFilesBecomeOneRecordSetReadFromTheirFileSet() throws Exception {
    Path data = Files.createDirectories(dir.resolve("parts"));
    int[] sizes = {4, 7, 5};
    long total = 0;
    double sum = 0;
    for (int f = 0; f < sizes.length; f++) {
      StringBuilder sb = new StringBuilder("day,station,reading\n");
      for (int i = 0; i < sizes[f]; i++) {
        double reading = f * 10 + i * 0.5;
        sum += reading;
        sb.append(LocalDate.of(2024, 3, 1).plusDays(f * 10 + i)).append(",S").append(i % 2)
            .append(',').append(reading).append('\n');
      }
      total += sizes[f];
      Files.writeString(data.resolve("part-" + f + ".csv"), sb.toString());
    }
    Profile p = profile(data);
    assertThat(p.light().fileSets()).hasSize(1);
    FileSetEntry set = p.light().fileSets().get(0);
    assertThat(set.includes()).containsExactly("*.csv");
    assertThat(set.encodingFormat()).isEqualTo("text/csv");
    assertThat(set.memberIds()).containsExactlyInAnyOrder("part-0.csv", "part-1.csv", "part-2.csv");
    assertThat(p.heavy().recordSets()).hasSize(1);
    RecordSetProfile rs = p.heavy().recordSets().get(0);
    assertThat(rs.sourceIsFileSet()).isTrue();
    assertThat(rs.sourceId()).isEqualTo(set.id());
    assertThat(rs.rows()).isEqualTo(total);
    FieldProfile reading = field(rs, "reading");
    assertThat(reading.statistics().count()).isEqualTo(total);
    assertThat(reading.statistics().mean()).isCloseTo(sum / total, within(1e-9));
    assertThat(reading.statistics().min()).isEqualTo(0.0);
    assertThat(reading.statistics().max()).isEqualTo(2 * 10 + 4 * 0.5); // last file, last row
    FieldProfile day = field(rs, "day");
    assertThat(day.temporal().start()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(day.temporal().end()).isEqualTo(Instant.parse("2024-03-25T00:00:00Z"));

    JsonNode doc = croissant(p);
    JsonNode fs = croissantDistribution(doc, set.id());
    assertThat(fs.path("@type").asString()).isEqualTo("cr:FileSet");
    assertThat(fs.path("includes").asString()).isEqualTo("*.csv");
    JsonNode f = croissantField(doc, rs.id() + "/reading");
    assertThat(f.path("source").path("fileSet").path("@id").asString()).isEqualTo(set.id());
    assertThat(f.path("source").path("extract").path("column").asString()).isEqualTo("reading");
  }

  @Test
  void likeFilesWithDifferentColumnsStaySeparateRecordSets() throws Exception {
    Path data = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(data.resolve("a.csv"), "key,alpha\n1,x\n2,y\n3,z\n");
    Files.writeString(data.resolve("b.csv"), "key,beta\n1,10\n2,20\n");
    Profile p = profile(data);
    assertThat(p.light().fileSets()).hasSize(1); // alike by folder and format...
    // ...but not by columns: each file is its own record set, read from its own FileObject
    assertThat(recordSetIds(p)).containsExactlyInAnyOrder("a", "b");
    RecordSetProfile a = recordSet(p, "a");
    assertThat(a.sourceIsFileSet()).isFalse();
    assertThat(a.sourceId()).isEqualTo("a.csv");
    assertThat(a.rows()).isEqualTo(3);
    assertThat(fieldNames(a)).containsExactly("key", "alpha");
    RecordSetProfile b = recordSet(p, "b");
    assertThat(b.rows()).isEqualTo(2);
    assertThat(fieldNames(b)).containsExactly("key", "beta");
    assertThat(field(b, "beta").statistics().mean()).isEqualTo(15.0);
    croissant(p);
  }

  // ------------------------------------------------------------------ helpers

  private Path write(String name, String content) throws IOException {
    return write(name, content, StandardCharsets.UTF_8);
  }

  private Path write(String name, String content, Charset charset) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, content.getBytes(charset));
    return path;
  }
}
