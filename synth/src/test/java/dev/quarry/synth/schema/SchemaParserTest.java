package dev.quarry.synth.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.schema.FieldSpec.DateField;
import dev.quarry.synth.schema.FieldSpec.DecimalField;
import dev.quarry.synth.schema.FieldSpec.EnumField;
import dev.quarry.synth.schema.FieldSpec.ExprField;
import dev.quarry.synth.schema.FieldSpec.FakerField;
import dev.quarry.synth.schema.FieldSpec.FloatField;
import dev.quarry.synth.schema.FieldSpec.IntField;
import dev.quarry.synth.schema.FieldSpec.RefField;
import dev.quarry.synth.schema.FieldSpec.RegexField;
import dev.quarry.synth.schema.FieldSpec.SequenceField;
import dev.quarry.synth.schema.FieldSpec.UuidField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

  static final String EXAMPLE =
      """
      seed: 42
      tables:
        customers:
          rows: 1000
          fields:
            id:     {kind: sequence, start: 1}
            name:   {kind: faker, provider: name.fullName, locale: en}
            email:  {kind: faker, provider: internet.emailAddress, unique: true}
            age:    {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            tier:   {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
            score:  {kind: float, min: 0, max: 1, nulls: 0.05}
            code:   {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}"}
            signup: {kind: date, min: 2020-01-01, max: 2024-12-31}
        orders:
          rows: 10000
          fields:
            id:          {kind: uuid}
            customer_id: {kind: ref, table: customers, field: id}
            amount:      {kind: decimal, min: 1, max: 500, scale: 2}
            with_tax:    {kind: expr, expr: "amount * 1.2"}
      """;

  @Test
  void parsesTheIssueExampleIntoRecords() {
    SynthSchema s = SchemaParser.parse(EXAMPLE);
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.tables().keySet()).containsExactly("customers", "orders");
    TableSpec customers = s.table("customers");
    assertThat(customers.rows()).isEqualTo(1000);
    assertThat(customers.fields().keySet())
        .containsExactly("id", "name", "email", "age", "tier", "score", "code", "signup");
    assertThat(customers.field("id")).isEqualTo(new SequenceField("id", FieldOptions.NONE, 1, 1));
    assertThat(customers.field("name"))
        .isEqualTo(new FakerField("name", FieldOptions.NONE, "name.fullName", Locale.ENGLISH));
    assertThat(customers.field("email").options().unique()).isTrue();
    assertThat(customers.field("age"))
        .isEqualTo(new IntField("age", FieldOptions.NONE, 18, 90, new Distribution.Normal(40, 12)));
    assertThat(customers.field("tier"))
        .isEqualTo(new EnumField("tier", FieldOptions.NONE, List.of("gold", "silver", "bronze"), List.of(1.0, 3.0, 6.0)));
    assertThat(customers.field("score"))
        .isEqualTo(new FloatField("score", new FieldOptions(0.05, false), 0, 1, Distribution.UNIFORM));
    assertThat(customers.field("code")).isInstanceOfSatisfying(RegexField.class, r -> assertThat(r.pattern()).isEqualTo("[A-Z]{3}-[0-9]{4}"));
    assertThat(customers.field("signup"))
        .isEqualTo(new DateField("signup", FieldOptions.NONE, LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31), null, Distribution.UNIFORM));
    TableSpec orders = s.table("orders");
    assertThat(orders.field("id")).isEqualTo(new UuidField("id", FieldOptions.NONE));
    assertThat(orders.field("customer_id"))
        .isEqualTo(new RefField("customer_id", FieldOptions.NONE, "customers", "id", Distribution.UNIFORM));
    assertThat(orders.field("amount"))
        .isEqualTo(new DecimalField("amount", FieldOptions.NONE, BigDecimal.ONE, BigDecimal.valueOf(500), 2, Distribution.UNIFORM));
    assertThat(orders.field("with_tax")).isEqualTo(new ExprField("with_tax", FieldOptions.NONE, "amount * 1.2", null, -1));
  }

  @Test
  void jsonAndYamlGiveTheSameSchema() {
    String json =
        """
        {"seed": 7, "tables": {"t": {"rows": 5, "fields": {
          "n": {"kind": "int", "min": 1, "max": 9},
          "c": {"kind": "constant", "constant": "x"},
          "d": {"kind": "datetime", "min": "2020-01-01", "max": "2020-01-02T12:00:00", "format": "yyyy/MM/dd HH:mm"}}}}}
        """;
    String yaml =
        """
        seed: 7
        tables:
          t:
            rows: 5
            fields:
              n: {kind: int, min: 1, max: 9}
              c: {constant: x}
              d: {kind: datetime, min: 2020-01-01, max: "2020-01-02T12:00:00", format: "yyyy/MM/dd HH:mm"}
        """;
    assertThat(SchemaParser.parse(json)).isEqualTo(SchemaParser.parse(yaml));
    assertThat(SchemaParser.parse(json).table("t").field("c"))
        .isEqualTo(new FieldSpec.ConstantField("c", FieldOptions.NONE, ValueType.STRING, "x"));
  }

  @Test
  void schemaSurvivesJavaSerializationForEngineTasks() throws Exception {
    SynthSchema s = SchemaParser.parse(EXAMPLE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(s);
    }
  }

  @Test
  void minAboveMaxNamesTheField() {
    assertThatThrownBy(() -> SchemaParser.parse(one("age", "{kind: int, min: 90, max: 18}")))
        .isInstanceOf(SchemaException.class)
        .hasMessage("tables.customers.fields.age: min (90) is greater than max (18)");
  }

  @Test
  void unknownKindNamesTheField() {
    assertThatThrownBy(() -> SchemaParser.parse(one("x", "{kind: colour}")))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("tables.customers.fields.x.kind: unknown kind 'colour'");
  }

  @Test
  void negativeRowsNamesTheTable() {
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: -5, fields: {a: {kind: uuid}}}}"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("tables.t.rows: rows (-5) is negative");
  }

  @Test
  void rowsAboveTheLimitAreRefused() {
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 1000000000000, fields: {a: {kind: uuid}}}}"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("tables.t.rows: rows (1000000000000) is above the limit of 10000000000 per table");
    SchemaLimits small = SchemaLimits.DEFAULT.withMaxRowsPerTable(100);
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 101, fields: {a: {kind: uuid}}}}", small))
        .hasMessageContaining("tables.t.rows");
  }

  @Test
  void unknownRefTargetsNameTheField() {
    String base = "tables:\n  p: {rows: 3, fields: {id: {kind: sequence}, n: {kind: int, nulls: 0.1}}}\n  c: {rows: 3, fields: {r: %s}}";
    assertThatThrownBy(() -> SchemaParser.parse(base.formatted("{kind: ref, table: nope, field: id}")))
        .hasMessage("tables.c.fields.r.table: ref table 'nope' does not exist");
    assertThatThrownBy(() -> SchemaParser.parse(base.formatted("{kind: ref, table: p, field: nope}")))
        .hasMessage("tables.c.fields.r.field: ref field 'p.nope' does not exist");
    assertThatThrownBy(() -> SchemaParser.parse(base.formatted("{kind: ref, table: p, field: n}")))
        .hasMessage("tables.c.fields.r: ref target p.n has nulls; a key must not be null");
  }

  @Test
  void badRegexNamesTheField() {
    assertThatThrownBy(() -> SchemaParser.parse(one("code", "{kind: regex, pattern: '[A-Z{3'}")))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("tables.customers.fields.code.pattern: pattern is not a valid regex");
  }

  @Test
  void nestedUnboundedRegexGetsACapThatBoundsItsLength() {
    RegexField nested = (RegexField) SchemaParser.parse(one("r", "{kind: regex, pattern: '((((a*)*)*)*)*'}")).table("customers").field("r");
    assertThat(RegexPatterns.maxLength(RegexPatterns.parse(nested.pattern(), nested.maxRepeat()), nested.maxRepeat()))
        .isLessThanOrEqualTo(SchemaLimits.DEFAULT.maxRegexLength());
    assertThatThrownBy(() -> SchemaParser.parse(one("r", "{kind: regex, pattern: 'a{1000000000}'}")))
        .hasMessageStartingWith("tables.customers.fields.r.pattern: pattern can produce strings longer than 4096");
  }

  @Test
  void expressionCyclesAreNamed() {
    String yaml = "tables: {t: {rows: 1, fields: {a: {kind: expr, expr: 'b + 1'}, b: {kind: expr, expr: 'c * 2'}, c: {kind: expr, expr: 'a - 1'}}}}";
    assertThatThrownBy(() -> SchemaParser.parse(yaml))
        .isInstanceOf(SchemaException.class)
        .hasMessage("tables.t.fields.a.expr: expressions form a cycle: a -> b -> c -> a");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 1, fields: {a: {kind: expr, expr: 'a + 1'}}}}"))
        .hasMessage("tables.t.fields.a.expr: expressions form a cycle: a -> a");
  }

  @Test
  void expressionsReadingUnknownFieldsAreRefused() {
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 1, fields: {a: {kind: int}, b: {kind: expr, expr: 'amout * 2'}}}}"))
        .hasMessage("tables.t.fields.b.expr: expr reads 'amout', which is not a field of t");
  }

  @Test
  void typosInSettingsAreRefused() {
    assertThatThrownBy(() -> SchemaParser.parse(one("s", "{kind: string, max_lenght: 4}")))
        .hasMessage("tables.customers.fields.s.max_lenght: unknown setting 'max_lenght'");
  }

  @Test
  void uniqueFieldsNeedADomainAsLargeAsTheTable() {
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 11, fields: {a: {kind: int, min: 0, max: 9, unique: true}}}}"))
        .hasMessage("tables.t.fields.a: unique: only 10 distinct values are possible for 11 rows");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 5, fields: {a: {kind: regex, pattern: 'a|b', unique: true}}}}"))
        .hasMessageStartingWith("tables.t.fields.a: unique needs a fixed-shape pattern");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 5, fields: {a: {kind: float, unique: true}}}}"))
        .hasMessageStartingWith("tables.t.fields.a: unique is not supported for float");
  }

  @Test
  void otherInvalidSettingsNameTheirPath() {
    assertThatThrownBy(() -> SchemaParser.parse(one("n", "{kind: float, nulls: 1.5}")))
        .hasMessage("tables.customers.fields.n.nulls: nulls (1.5) is not between 0 and 1");
    assertThatThrownBy(() -> SchemaParser.parse(one("n", "{kind: faker, provider: name.nope}")))
        .hasMessageStartingWith("tables.customers.fields.n.provider: unknown faker provider 'name.nope'");
    assertThatThrownBy(() -> SchemaParser.parse(one("n", "{kind: date, min: 2020-13-01}")))
        .hasMessageStartingWith("tables.customers.fields.n.min: '2020-13-01' is not an ISO-8601 value");
    assertThatThrownBy(() -> SchemaParser.parse(one("n", "{kind: enum, values: []}")))
        .hasMessage("tables.customers.fields.n.values: values is empty");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 3, fields: {s: {kind: sequence, start: 9223372036854775806}}}}"))
        .hasMessageStartingWith("tables.t.fields.s: sequence overflows");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 3, fields: {}}}"))
        .hasMessage("tables.t.fields: no fields are defined");
    assertThatThrownBy(() -> SchemaParser.parse("{\"tables\": [1]}"))
        .hasMessage("tables: expected an object, found array");
    assertThatThrownBy(() -> SchemaParser.parse("tables: {t: {rows: 3, fields: {a: {kind: uuid}, a: {kind: uuid}}}}"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Duplicate");
  }

  static String one(String field, String spec) {
    return "tables:\n  customers:\n    rows: 10\n    fields:\n      " + field + ": " + spec + "\n";
  }
}
