package dev.quarry.profile;

import static dev.quarry.profile.ProfileTesting.field;
import static dev.quarry.profile.ProfileTesting.fieldNames;
import static dev.quarry.profile.ProfileTesting.topCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.profile.stats.TemporalResolution;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A small table made in the tests, with the values the profile should find in it known here: an id,
 * names, an integer with missing values, a float, a category, a date, a boolean and e-mails.
 */
final class People {

  static final String[] HEADER = {"id", "name", "age", "score", "city", "joined", "active", "email"};
  static final String[] CITIES = {"Paris", "Lyon", "Nice"};
  static final LocalDate FIRST_JOINED = LocalDate.of(2020, 1, 1);

  final int rows;

  People(int rows) {
    this.rows = rows;
  }

  Integer age(int i) {
    return i % 10 == 3 ? null : 20 + (i * 7) % 40;
  }

  double score(int i) {
    return (i * 13) % 100 + 0.5;
  }

  String city(int i) {
    return CITIES[i % 3];
  }

  LocalDate joined(int i) {
    return FIRST_JOINED.plusDays(i * 11L);
  }

  boolean active(int i) {
    return i % 2 == 0;
  }

  String email(int i) {
    return "p" + i + "@example.com";
  }

  List<String[]> records() {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Integer age = age(i);
      out.add(new String[] {Integer.toString(i + 1), "Person " + i, age == null ? "" : age.toString(),
          Double.toString(score(i)), city(i), joined(i).toString(), Boolean.toString(active(i)),
          email(i)});
    }
    return out;
  }

  /** The table as delimited text, header first, one record a line. */
  String delimited(String delimiter) {
    StringBuilder sb = new StringBuilder(String.join(delimiter, HEADER)).append('\n');
    for (String[] r : records()) {
      sb.append(String.join(delimiter, r)).append('\n');
    }
    return sb.toString();
  }

  List<Integer> ages() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(age(i));
    }
    return out;
  }

  List<Double> scores() {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(score(i));
    }
    return out;
  }

  long missingAges() {
    return ages().stream().filter(a -> a == null).count();
  }

  long distinctAges() {
    return ages().stream().filter(a -> a != null).collect(Collectors.toSet()).size();
  }

  long count(String city) {
    long n = 0;
    for (int i = 0; i < rows; i++) {
      if (city(i).equals(city)) {
        n++;
      }
    }
    return n;
  }

  /** The sample standard deviation of the non-null values. */
  static double stddev(List<? extends Number> values) {
    double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue).toArray();
    double m = java.util.Arrays.stream(v).average().orElseThrow();
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** What the quantile sketch answers for rank q with all items kept: the ceil(q*n)-th smallest. */
  static double exactQuantile(List<? extends Number> values, double q) {
    double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue).sorted()
        .toArray();
    return v[(int) Math.ceil(q * v.length) - 1];
  }

  /**
   * Checks a profile of this table read from delimited text (CSV, TSV, in an archive, remote):
   * every type is inferred from the text, every statistic is exact at this size.
   */
  void assertProfiled(RecordSetProfile rs) {
    assertThat(rs.rows()).isEqualTo(rows);
    assertThat(fieldNames(rs)).containsExactly(HEADER);
    assertThat(rs.warnings()).isEmpty();

    FieldProfile id = field(rs, "id");
    assertThat(id.dataType()).isEqualTo("sc:Integer");
    assertThat(id.semanticTypes()).containsExactly(SemanticType.IDENTIFIER);
    assertThat(id.statistics().distinct()).isEqualTo(rows);
    assertThat(id.statistics().distinctExact()).isTrue();
    assertThat(id.statistics().min()).isEqualTo(1.0);
    assertThat(id.statistics().max()).isEqualTo((double) rows);
    assertThat(id.statistics().missing()).isZero();

    FieldProfile name = field(rs, "name");
    assertThat(name.dataType()).isEqualTo("sc:Text");
    assertThat(name.semanticTypes()).isEmpty();
    assertThat(name.statistics().distinct()).isEqualTo(rows);
    assertThat(name.statistics().min()).isNull();
    assertThat(name.statistics().minLength()).isEqualTo(("Person 0").length());
    assertThat(name.statistics().maxLength()).isEqualTo(("Person " + (rows - 1)).length());

    FieldProfile age = field(rs, "age");
    assertThat(age.dataType()).isEqualTo("sc:Integer");
    assertThat(age.semanticTypes()).doesNotContain(SemanticType.IDENTIFIER);
    assertThat(age.statistics().count()).isEqualTo(rows);
    assertThat(age.statistics().missing()).isEqualTo(missingAges()).isPositive();
    assertThat(age.statistics().distinct()).isEqualTo(distinctAges());
    List<Integer> ages = ages();
    assertThat(age.statistics().min())
        .isEqualTo(ages.stream().filter(Objects::nonNull).mapToDouble(a -> a).min().orElseThrow());
    assertThat(age.statistics().max())
        .isEqualTo(ages.stream().filter(Objects::nonNull).mapToDouble(a -> a).max().orElseThrow());
    assertThat(age.statistics().mean()).isCloseTo(ProfileTesting.mean(ages), within(1e-9));
    assertThat(age.statistics().stddev()).isCloseTo(stddev(ages), within(1e-9));
    assertThat(age.statistics().quantiles()).containsOnlyKeys("p5", "p25", "p50", "p75", "p95");
    assertThat(age.statistics().quantiles().get("p50")).isEqualTo(exactQuantile(ages, 0.5));
    assertThat(age.statistics().histogram().counts().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(rows - missingAges());

    FieldProfile score = field(rs, "score");
    assertThat(score.dataType()).isEqualTo("sc:Float");
    assertThat(score.statistics().mean()).isCloseTo(ProfileTesting.mean(scores()), within(1e-9));
    assertThat(score.statistics().min()).isEqualTo(scores().stream().mapToDouble(d -> d).min().orElseThrow());
    assertThat(score.statistics().max()).isEqualTo(scores().stream().mapToDouble(d -> d).max().orElseThrow());
    assertThat(score.statistics().missing()).isZero();

    FieldProfile city = field(rs, "city");
    assertThat(city.dataType()).isEqualTo("sc:Text");
    assertThat(city.semanticTypes()).containsExactly(SemanticType.CATEGORICAL);
    assertThat(city.statistics().distinct()).isEqualTo(3);
    for (String c : CITIES) {
      assertThat(topCount(city, c)).as("count of " + c).isEqualTo(count(c));
    }

    FieldProfile joined = field(rs, "joined");
    assertThat(joined.dataType()).isEqualTo("sc:Date");
    assertThat(joined.semanticTypes()).containsExactly(SemanticType.DATETIME);
    assertThat(joined.temporal()).isNotNull();
    assertThat(joined.temporal().start())
        .isEqualTo(FIRST_JOINED.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(joined.temporal().end())
        .isEqualTo(joined(rows - 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(joined.temporal().resolution()).isEqualTo(TemporalResolution.DAY);
    assertThat(joined.statistics().distinct()).isEqualTo(rows);

    FieldProfile active = field(rs, "active");
    assertThat(active.dataType()).isEqualTo("sc:Boolean");
    assertThat(active.semanticTypes()).containsExactly(SemanticType.BOOLEAN);
    assertThat(active.statistics().distinct()).isEqualTo(2);

    FieldProfile email = field(rs, "email");
    assertThat(email.dataType()).isEqualTo("sc:Text");
    assertThat(email.semanticTypes()).contains(SemanticType.EMAIL);
    assertThat(email.statistics().distinct()).isEqualTo(rows);
  }
}
