package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmenterTest {

  @TempDir Path dir;
  final Augmenter augmenter = new Augmenter(FileIO.unrestricted());

  Path write(String name, String csv) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, csv);
    return p;
  }

  @Test
  void joinsManyToOneWithAggregation() throws Exception {
    Path left = write("cities.csv", "city,country\nParis,FR\nLyon,FR\nOslo,NO\n");
    Path right = write("temps.csv", "town,temp,station\nparis,10,a\nPARIS,20,b\nLyon,5,c\n"
        + "Lyon,7,d\nLyon,9,e\nRome,30,f\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Augmenter.Result r = augmenter.join(left.toString(), "city", right.toString(), "town",
        Augmenter.Aggregation.MEAN, TableOutput.Kind.CSV, out);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.matched()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r?\n")).containsExactly(
        "city,country,temp_mean,station_mean",
        "Paris,FR,15,", "Lyon,FR,7,", "Oslo,NO,,");

    ByteArrayOutputStream max = new ByteArrayOutputStream();
    augmenter.join(left.toString(), "city", right.toString(), "town", Augmenter.Aggregation.MAX,
        TableOutput.Kind.CSV, max);
    assertThat(max.toString(StandardCharsets.UTF_8)).contains("Lyon,FR,9,");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    augmenter.join(left.toString(), "city", right.toString(), "town", Augmenter.Aggregation.FIRST,
        TableOutput.Kind.CSV, first);
    assertThat(first.toString(StandardCharsets.UTF_8)).contains("Paris,FR,10,a", "Lyon,FR,5,c");
    ByteArrayOutputStream sum = new ByteArrayOutputStream();
    augmenter.join(left.toString(), "city", right.toString(), "town", Augmenter.Aggregation.SUM,
        TableOutput.Kind.CSV, sum);
    assertThat(sum.toString(StandardCharsets.UTF_8)).contains("Lyon,FR,21,");
  }

  @Test
  void writesParquetThatReadsBack() throws Exception {
    Path left = write("l.csv", "id,name\n1,a\n2,b\n");
    Path right = write("r.csv", "key,value\n1,3.5\n1,4.5\n2,1\n");
    Path out = dir.resolve("joined.parquet");
    try (var os = Files.newOutputStream(out)) {
      augmenter.join(left.toString(), "id", right.toString(), "key", Augmenter.Aggregation.MIN,
          TableOutput.Kind.PARQUET, os);
    }
    List<List<Object>> rows = new ArrayList<>();
    try (RecordReader r = ParquetTable.open(FileIO.unrestricted()
        .newInputFile(Location.ofLocal(out))).open()) {
      Object[] row;
      while ((row = r.next()) != null) {
        rows.add(Arrays.asList(row));
      }
    }
    assertThat(rows).containsExactly(List.of("1", "a", 3.5), List.of("2", "b", 1.0));
  }

  @Test
  void unionsByMatchedColumns() throws Exception {
    Path left = write("a.csv", "city_name,population\nParis,2100000\n");
    Path right = write("b.csv", "pop,CityName,extra\n700000,Oslo,x\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Augmenter.Result r = augmenter.union(left.toString(), right.toString(),
        Map.of("city_name", "CityName", "population", "pop"), TableOutput.Kind.CSV, out);
    assertThat(r.rows()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r?\n"))
        .containsExactly("city_name,population", "Paris,2100000", "Oslo,700000");
  }

  @Test
  void namesAMissingKeyColumn() throws Exception {
    Path left = write("x.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> augmenter.join(left.toString(), "nope", left.toString(), "a",
        Augmenter.Aggregation.FIRST, TableOutput.Kind.CSV, new ByteArrayOutputStream()))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("no column 'nope'");
  }
}
