package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: exit codes, one-line errors, outputs written whole or not at all. */
class QuarryCliTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run quarry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path csv() throws IOException {
    Path f = dir.resolve("people.csv");
    Files.writeString(f, "id,name,age,joined\n1,Ann,34,2021-03-04\n2,Bob,,2022-11-30\n3,Cy,51,2020-01-15\n");
    return f;
  }

  @Test
  void profilesToCroissantOnStdout() throws IOException {
    Run r = quarry("profile", csv().toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("\"conformsTo\" : \"http://mlcommons.org/croissant/1.0\"")
        .contains("\"@id\" : \"people/age\"").contains("\"dataType\" : \"sc:Integer\"")
        .contains("\"temporalCoverage\" : \"2020-01-15T00:00:00Z/2022-11-30T00:00:00Z\"");
  }

  @Test
  void writesHtmlAndJsonFilesWithSpec() throws IOException {
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, "{\"profile_specification\": {\"name\": \"People\", \"license\": \"CC-BY-4.0\","
        + " \"keywords\": [\"demo\"], \"uploaded_by\": \"ann\"}, \"only_light_profile\": false}");
    Path html = dir.resolve("out/report.html");
    Run r = quarry("profile", csv().toString(), "--format", "html", "--out", html.toString(),
        "--spec", spec.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("People").contains("<svg");

    Path json = dir.resolve("p.json");
    r = quarry("profile", csv().toString(), "-f", "json", "-o", json.toString(), "--light");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(json)).contains("\"sha256\"").contains("\"heavy\" : null");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void badInputExitsTwoWithOneLine() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    Path junk = dir.resolve("junk.bin");
    byte[] bytes = new byte[4096];
    new java.util.Random(1).nextBytes(bytes);
    Files.write(junk, bytes);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"a\": 1}, {\"a\": ");
    Path emptyDir = Files.createDirectory(dir.resolve("nothing"));
    Path badSpec = dir.resolve("bad-spec.json");
    Files.writeString(badSpec, "{not json");
    String[][] cases = {
      {"profile", dir.resolve("missing.csv").toString()},
      {"profile", empty.toString()},
      {"profile", junk.toString()},
      {"profile", broken.toString()},
      {"profile", emptyDir.toString()},
      {"profile", "ftp://example.org/x.csv"},
      {"profile", "jdbc:nosuchdb:whatever"},
      {"profile", csv().toString(), "--spec", badSpec.toString()},
      {"profile", csv().toString(), "--workers", "0"},
      {"profile", csv().toString(), "--format", "xml"},
      {"profile"},
    };
    for (String[] args : cases) {
      Run r = quarry(args);
      String what = String.join(" ", args);
      assertThat(r.code()).as(what + " → " + r.err()).isEqualTo(2);
      assertThat(r.out()).as(what).isEmpty();
      String[] lines = r.err().strip().split("\n");
      assertThat(lines[0]).as(what).startsWith("quarry: ").doesNotContain("Exception");
      assertThat(r.err()).as(what).doesNotContain("\tat ");
    }
  }

  @Test
  void failedRunLeavesNoOutputFile() throws IOException {
    Path out = dir.resolve("never.json");
    Run r = quarry("profile", dir.resolve("missing.csv").toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void helpAndVersion() {
    Run help = quarry("profile", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--light").contains("--format").contains("--spec");
    assertThat(quarry("--version").out()).startsWith("quarry ");
  }

  @Test
  void outputIsUtf8() throws IOException {
    Path f = dir.resolve("accents.csv");
    Files.write(f, "ville,n\nMontréal,1\nZürich,2\n".getBytes(StandardCharsets.ISO_8859_1));
    Run r = quarry("profile", f.toString(), "-f", "json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Montréal").contains("Zürich");
  }

  private Path shopSchema() throws IOException {
    Path f = dir.resolve("shop.yaml");
    Files.writeString(f, """
        seed: 42
        tables:
          customers:
            rows: 300
            fields:
              id:    {kind: sequence, start: 1}
              email: {kind: faker, provider: internet.emailAddress, unique: true}
              tier:  {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
          orders:
            rows: 2000
            fields:
              id:          {kind: uuid}
              customer_id: {kind: ref, table: customers, field: id}
              amount:      {kind: decimal, min: 1, max: 500, scale: 2}
              with_tax:    {kind: expr, expr: "amount * 1.2"}
        """);
    return f;
  }

  @Test
  void synthWritesEveryTableAndIsDeterministic() throws IOException {
    Path out1 = dir.resolve("one");
    Path out3 = dir.resolve("three");
    Run r1 = quarry("synth", "--schema", shopSchema().toString(), "--out", out1.toString() + "/", "-w", "1");
    Run r3 = quarry("synth", "--schema", shopSchema().toString(), "--out", out3.toString() + "/", "-w", "3");
    assertThat(r1.code()).as(r1.err()).isZero();
    assertThat(r3.code()).as(r3.err()).isZero();
    for (String t : new String[] {"customers.csv", "orders.csv"}) {
      assertThat(Files.readAllBytes(out3.resolve(t))).isEqualTo(Files.readAllBytes(out1.resolve(t)));
    }
    List<String> orders = Files.readAllLines(out1.resolve("orders.csv"));
    assertThat(orders).hasSize(2001);
    assertThat(orders.get(0)).isEqualTo("id,customer_id,amount,with_tax");

    Run stdout = quarry("synth", "--schema", shopSchema().toString(), "--table", "customers",
        "--rows", "3", "-f", "jsonl", "--seed", "7");
    assertThat(stdout.code()).as(stdout.err()).isZero();
  }

  @Test
  void synthRefusesBadSchemasWithOneLine() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "tables:\n  t:\n    rows: -5\n    fields:\n      a: {kind: int, min: 9, max: 1}\n");
    Path hostile = dir.resolve("hostile.yaml");
    Files.writeString(hostile, "tables:\n  t:\n    rows: 10\n    fields:\n      a: {kind: int, min: 1, max: 9}\n"
        + "      b: {kind: expr, expr: \"''.getClass().forName('java.lang.Runtime')\"}\n");
    String[][] cases = {
      {"synth", "--schema", bad.toString(), "--table", "t"},
      {"synth", "--schema", hostile.toString(), "--table", "t"},
      {"synth", "--schema", dir.resolve("missing.yaml").toString()},
      {"synth", "--schema", shopSchema().toString()},
      {"synth", "--schema", shopSchema().toString(), "--table", "nope"},
      {"synth", "--schema", shopSchema().toString(), "--table", "orders", "-f", "docx"},
      {"synth", "--schema", shopSchema().toString(), "--table", "orders", "--rows", "1000000000000000"},
    };
    for (String[] args : cases) {
      Run r = quarry(args);
      String what = String.join(" ", args);
      assertThat(r.code()).as(what + " → " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(what).isEqualTo(1);
      assertThat(r.err()).as(what).startsWith("quarry: ").doesNotContain("\tat ");
    }
  }
}
