package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same small schema in every database: customers and orders (composite key, foreign key to
 * customers), a view joining them, and a table whose name needs quoting. Subclasses create it in
 * their dialect and say how their database spells names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogContract {

  protected JdbcCatalog catalog;

  /** Creates the schema and returns a catalog on it. */
  protected abstract JdbcCatalog createSchemaAndConnect() throws Exception;

  /** The schema the user tables are in, as the driver reports it (null in SQLite). */
  protected abstract String userSchema();

  /** How the database stores an unquoted name (H2 upper-cases). */
  protected String folded(String name) {
    return name;
  }

  /** DDL shared by all: {@code %s} stand for the text, CLOB-ish and zoned timestamp types. */
  protected static List<String> schemaDdl(String textType, String zonedTimestampType, String idType) {
    return List.of(
        "CREATE TABLE customers (id " + idType + ", name VARCHAR(100) NOT NULL, signup DATE,"
            + " active BOOLEAN, balance DECIMAL(10,2), last_login TIMESTAMP, notes " + textType + ")",
        "CREATE TABLE orders (customer_id INTEGER NOT NULL REFERENCES customers(id),"
            + " order_no INTEGER NOT NULL, placed_at " + zonedTimestampType + ","
            + " weight DOUBLE PRECISION, PRIMARY KEY (customer_id, order_no))",
        "CREATE VIEW customer_orders AS SELECT c.name, count(*) AS n FROM customers c"
            + " JOIN orders o ON o.customer_id = c.id GROUP BY c.name",
        "CREATE TABLE \"odd \"\"quoted\"\" name\" (\"a b\" INTEGER)",
        "INSERT INTO customers VALUES (1, 'Ada', '2024-02-29', true, 12.50,"
            + " '2024-03-01 10:15:30', 'hello'), (2, 'Bob', NULL, NULL, NULL, NULL, NULL)",
        "INSERT INTO orders VALUES (1, 1, '2024-03-01 10:15:30+02', 1.5), (1, 2, NULL, NULL)",
        "INSERT INTO \"odd \"\"quoted\"\" name\" VALUES (7)");
  }

  @BeforeAll
  void connect() throws Exception {
    catalog = createSchemaAndConnect();
  }

  @AfterAll
  void disconnect() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
  }

  protected DbTable table(String name) throws Exception {
    return catalog.findTable(folded(name)).orElseThrow(() -> new AssertionError("no table " + name));
  }

  /** Tables a subclass added for its own tests. */
  protected List<String> extraTables() {
    return List.of();
  }

  @Test
  void listsUserTablesAndViewsOnly() throws Exception {
    assertThat(catalog.tables())
        .filteredOn(t -> !extraTables().contains(t.name()))
        .extracting(DbTable::name, DbTable::kind, DbTable::schema)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(folded("customer_orders"), DbTable.Kind.VIEW, userSchema()),
            org.assertj.core.groups.Tuple.tuple(folded("customers"), DbTable.Kind.TABLE, userSchema()),
            org.assertj.core.groups.Tuple.tuple("odd \"quoted\" name", DbTable.Kind.TABLE, userSchema()),
            org.assertj.core.groups.Tuple.tuple(folded("orders"), DbTable.Kind.TABLE, userSchema()));
  }

  @Test
  void describesColumnsWithTheirValueTypes() throws Exception {
    DbTable customers = table("customers");
    assertThat(customers.columns())
        .extracting(DbColumn::name)
        .containsExactly(
            folded("id"), folded("name"), folded("signup"), folded("active"), folded("balance"),
            folded("last_login"), folded("notes"));
    assertThat(customers.columns())
        .extracting(DbColumn::valueType)
        .containsExactly(
            ValueType.INTEGER, ValueType.STRING, ValueType.DATE, ValueType.BOOLEAN,
            ValueType.DECIMAL, ValueType.DATETIME, ValueType.STRING);
    assertThat(customers.columns().get(1).nullable()).isFalse();
    assertThat(customers.columns().get(6).nullable()).isTrue();
    assertThat(customers.columns().get(2).typeName().toUpperCase(Locale.ROOT)).isEqualTo("DATE");

    assertThat(table("orders").columns())
        .extracting(DbColumn::valueType)
        .containsExactly(ValueType.INTEGER, ValueType.INTEGER, ValueType.DATETIME, ValueType.FLOAT);
    assertThat(table("customer_orders").columns()).extracting(DbColumn::name)
        .containsExactly(folded("name"), folded("n"));
  }

  @Test
  void readsPrimaryAndForeignKeys() throws Exception {
    assertThat(table("customers").primaryKey()).containsExactly(folded("id"));
    assertThat(table("orders").primaryKey()).containsExactly(folded("customer_id"), folded("order_no"));
    assertThat(table("orders").foreignKeys())
        .containsExactly(
            new ForeignKey(List.of(folded("customer_id")), userSchema(), folded("customers"), List.of(folded("id"))));
    assertThat(table("customers").foreignKeys()).isEmpty();
    assertThat(table("customer_orders").primaryKey()).isEmpty();
  }

  @Test
  void streamsRowsAsValueTypeClasses() throws Exception {
    List<Object[]> rows = readAll(table("customers"));

    assertThat(rows).hasSize(2);
    Object[] ada = rows.stream().filter(r -> r[0].equals(1L)).findFirst().orElseThrow();
    assertThat(ada[0]).isEqualTo(1L);
    assertThat(ada[1]).isEqualTo("Ada");
    assertThat(ada[2]).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(ada[3]).isEqualTo(Boolean.TRUE);
    assertThat(ada[4]).isInstanceOf(BigDecimal.class);
    assertThat((BigDecimal) ada[4]).isEqualByComparingTo("12.50");
    assertThat(ada[5]).isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 15, 30));
    assertThat(ada[6]).isEqualTo("hello");
    Object[] bob = rows.stream().filter(r -> r[0].equals(2L)).findFirst().orElseThrow();
    assertThat(bob).containsExactly(2L, "Bob", null, null, null, null, null);

    List<Object[]> orders = readAll(table("orders"));
    Object[] first = orders.stream().filter(r -> r[1].equals(1L)).findFirst().orElseThrow();
    assertThat(first).containsExactly(1L, 1L, Instant.parse("2024-03-01T08:15:30Z"), 1.5);
    Object[] second = orders.stream().filter(r -> r[1].equals(2L)).findFirst().orElseThrow();
    assertThat(second).containsExactly(1L, 2L, null, null);
  }

  @Test
  void readsViewsAndQuotedNames() throws Exception {
    List<Object[]> view = readAll(table("customer_orders"));
    assertThat(view).hasSize(1);
    assertThat(view.get(0)[0]).isEqualTo("Ada");

    DbTable odd = catalog.findTable("odd \"quoted\" name").orElseThrow();
    assertThat(catalog.qualifiedName(odd)).contains("\"odd \"\"quoted\"\" name\"");
    assertThat(odd.columns()).extracting(DbColumn::name).containsExactly("a b");
    assertThat(readAll(odd)).singleElement().satisfies(r -> assertThat(r).containsExactly(7L));
    assertThat(catalog.rowCount(odd)).isEqualTo(1);
  }

  @Test
  void countsRows() throws Exception {
    assertThat(catalog.rowCount(table("customers"))).isEqualTo(2);
    assertThat(catalog.rowCount(table("orders"))).isEqualTo(2);
    assertThat(catalog.rowCount(table("customer_orders"))).isEqualTo(1);
  }

  @Test
  void tableExposesSchemaAndNestedReadersWork() throws Exception {
    var customers = catalog.table(table("customers"));
    assertThat(customers.name()).isEqualTo(folded("customers"));
    assertThat(customers.schema().size()).isEqualTo(7);
    assertThat(customers.schema().column(2).type()).isEqualTo(ValueType.DATE);
    // Two readers open at once on the one connection, closed in either order.
    try (RecordReader outer = customers.open()) {
      assertThat(outer.next()).isNotNull();
      try (RecordReader inner = catalog.table(table("orders")).open()) {
        assertThat(inner.next()).isNotNull();
      }
      assertThat(outer.next()).isNotNull();
      assertThat(outer.next()).isNull();
    }
    // The connection is usable after readers closed (transaction ended, auto-commit back).
    assertThat(catalog.rowCount(table("customers"))).isEqualTo(2);
  }

  protected List<Object[]> readAll(DbTable t) throws Exception {
    catalog.setFetchSize(1); // forces several round trips where the driver honours it
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader reader = catalog.table(t).open()) {
      assertThat(reader.schema()).isEqualTo(t.toSchema());
      Object[] row;
      while ((row = reader.next()) != null) {
        assertThat(row).hasSize(t.columns().size());
        rows.add(row);
      }
    } finally {
      catalog.setFetchSize(JdbcCatalog.DEFAULT_FETCH_SIZE);
    }
    return rows;
  }

  protected static void execute(java.sql.Connection connection, List<String> statements) throws Exception {
    try (java.sql.Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
