package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tables of one database, found through {@link DatabaseMetaData} so that it works the same for
 * PostgreSQL, MySQL/MariaDB, SQLite, DuckDB and H2, and readable as {@link Table}s.
 *
 * <p>A catalog holds one connection, opened by {@code connect} and closed by {@link #close()}. Like
 * the connection it is not thread-safe: a parallel profile opens one catalog per task (tasks carry
 * a {@link JdbcSource}, never a connection). Several readers may be open at once on the same
 * thread.
 *
 * <p>Rows are streamed with a fetch size. PostgreSQL (and others) only honour it inside a
 * transaction, so while readers are open the connection leaves auto-commit; the read-only
 * transaction is rolled back when the last reader closes, so no session sits idle in a transaction.
 * MySQL Connector/J additionally needs {@code useCursorFetch=true} in the URL to stream.
 *
 * <p>Messages never show a credential: databases are named by {@link JdbcSource#redactedUrl()}.
 */
public final class JdbcCatalog implements AutoCloseable {

  /** Rows per round trip when streaming: large enough to amortise latency, small in memory. */
  public static final int DEFAULT_FETCH_SIZE = 1_000;

  /** Table types reported as tables; "BASE TABLE" is H2's and DuckDB's spelling. */
  private static final Set<String> TABLE_TYPES =
      Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE", "FOREIGN TABLE");

  private static final Set<String> VIEW_TYPES = Set.of("VIEW", "MATERIALIZED VIEW");

  private final Connection connection;
  private final ErrorTranslator errors;
  private final String product;
  private final String quote;
  private final boolean catalogsInQueries;
  private final boolean schemasInQueries;
  private final String catalogSeparator;
  private final boolean catalogAtStart;
  private int fetchSize = DEFAULT_FETCH_SIZE;
  private int openReaders;
  private boolean leftAutoCommit;
  private boolean closed;

  private JdbcCatalog(Connection connection, ErrorTranslator errors) throws SQLException {
    this.connection = connection;
    this.errors = errors;
    DatabaseMetaData md = connection.getMetaData();
    this.product = md.getDatabaseProductName();
    String q = md.getIdentifierQuoteString();
    // A single space means the database cannot quote identifiers (JDBC's convention).
    this.quote = q == null || q.isBlank() ? "" : q.trim();
    this.catalogsInQueries = md.supportsCatalogsInDataManipulation();
    this.schemasInQueries = md.supportsSchemasInDataManipulation();
    String separator = md.getCatalogSeparator();
    this.catalogSeparator = separator == null || separator.isEmpty() ? "." : separator;
    this.catalogAtStart = md.isCatalogAtStart();
  }

  public static JdbcCatalog connect(String url) throws DatabaseAccessException {
    return connect(JdbcSource.of(url));
  }

  public static JdbcCatalog connect(String url, String user, String password)
      throws DatabaseAccessException {
    return connect(JdbcSource.of(url, user, password));
  }

  public static JdbcCatalog connect(String url, Properties properties)
      throws DatabaseAccessException {
    return connect(new JdbcSource(url, properties));
  }

  /**
   * Opens a connection.
   *
   * @throws DatabaseAccessException naming the redacted URL when no driver accepts the URL, the
   *     credentials are refused, or the database cannot be reached
   */
  public static JdbcCatalog connect(JdbcSource source) throws DatabaseAccessException {
    ErrorTranslator errors = new ErrorTranslator(source);
    try {
      DriverManager.getDriver(source.url());
    } catch (SQLException e) {
      // The driver's own message repeats the full URL: not ours to show.
      throw new DatabaseAccessException(
          "No JDBC driver on the classpath accepts " + errors.redactedUrl()
              + " (is the URL right, and the database's driver jar present?)",
          null);
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection(source.url(), source.properties());
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (state != null && state.startsWith("28")) {
        String user = source.properties().getProperty("user");
        throw errors.translate(
            "Authentication failed" + (user == null ? "" : " for user '" + user + "'"), e);
      }
      throw errors.translate("Cannot connect", e);
    }
    try {
      return new JdbcCatalog(connection, errors);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw errors.translate("Cannot read the database's metadata", e);
    }
  }

  /**
   * Opens a SQLite, DuckDB or H2 database file read-only; see {@link DatabaseFiles#sourceFor}.
   */
  public static JdbcCatalog openFile(Path file) throws IOException {
    return connect(DatabaseFiles.sourceFor(file));
  }

  /** The database product as its driver names it: "PostgreSQL", "SQLite", "DuckDB", "H2"... */
  public String productName() {
    return product;
  }

  /**
   * The open connection, for SQL that must run inside the database (profile statistics). The
   * catalog owns it: do not close it.
   */
  public Connection connection() {
    return connection;
  }

  /** The URL this catalog is connected to, without credentials. */
  public String redactedUrl() {
    return errors.redactedUrl();
  }

  /** Rows fetched per round trip by readers opened from now on. */
  public void setFetchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("fetch size must be at least 1, was " + rows);
    }
    this.fetchSize = rows;
  }

  /**
   * The user's tables and views with their columns, primary keys and foreign keys, sorted by
   * catalog, schema and name; system schemas and tables left out.
   */
  public List<DbTable> tables() throws DatabaseAccessException {
    requireOpen();
    try {
      DatabaseMetaData md = connection.getMetaData();
      List<TableRef> refs = listTables(md);
      Map<List<String>, List<TableRef>> bySchema =
          refs.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> Arrays.asList(r.catalog(), r.schema()),
                      LinkedHashMap::new,
                      Collectors.toList()));
      List<DbTable> tables = new ArrayList<>();
      for (List<TableRef> group : bySchema.values()) {
        Map<String, List<DbColumn>> columns = columnsOf(md, group.get(0));
        for (TableRef ref : group) {
          boolean isTable = ref.kind() == DbTable.Kind.TABLE;
          tables.add(
              new DbTable(
                  ref.catalog(),
                  ref.schema(),
                  ref.name(),
                  ref.kind(),
                  columns.getOrDefault(ref.name(), List.of()),
                  isTable ? primaryKey(md, ref) : List.of(),
                  isTable ? foreignKeys(md, ref) : List.of()));
        }
      }
      tables.sort(
          Comparator.comparing(DbTable::catalog, Comparator.nullsFirst(Comparator.naturalOrder()))
              .thenComparing(DbTable::schema, Comparator.nullsFirst(Comparator.naturalOrder()))
              .thenComparing(DbTable::name));
      return tables;
    } catch (SQLException e) {
      throw errors.translate("Listing tables failed", e);
    }
  }

  /** The table named {@code name} (exactly, or case-insensitively if that is unambiguous). */
  public Optional<DbTable> findTable(String name) throws DatabaseAccessException {
    List<DbTable> all = tables();
    Optional<DbTable> exact = all.stream().filter(t -> t.name().equals(name)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    List<DbTable> folded = all.stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }

  private record TableRef(String catalog, String schema, String name, DbTable.Kind kind) {}

  private List<TableRef> listTables(DatabaseMetaData md) throws SQLException {
    // Asking only for the types we keep spares PostgreSQL's hundreds of system indexes.
    List<String> wanted = new ArrayList<>();
    try (ResultSet types = md.getTableTypes()) {
      while (types.next()) {
        String type = types.getString(1);
        if (type != null && kindOf(type).isPresent()) {
          wanted.add(type.trim());
        }
      }
    }
    List<TableRef> refs = new ArrayList<>();
    try (ResultSet rs =
        md.getTables(null, null, "%", wanted.isEmpty() ? null : wanted.toArray(String[]::new))) {
      while (rs.next()) {
        String catalog = rs.getString("TABLE_CAT");
        String schema = rs.getString("TABLE_SCHEM");
        String name = rs.getString("TABLE_NAME");
        Optional<DbTable.Kind> kind = kindOf(rs.getString("TABLE_TYPE"));
        if (kind.isPresent() && !SystemObjects.isSystem(product, catalog, schema, name)) {
          refs.add(new TableRef(catalog, schema, name, kind.get()));
        }
      }
    }
    return refs;
  }

  private static Optional<DbTable.Kind> kindOf(String tableType) {
    if (tableType == null) {
      return Optional.empty();
    }
    String type = tableType.trim().toUpperCase(Locale.ROOT);
    if (TABLE_TYPES.contains(type)) {
      return Optional.of(DbTable.Kind.TABLE);
    }
    if (VIEW_TYPES.contains(type)) {
      return Optional.of(DbTable.Kind.VIEW);
    }
    // SYSTEM TABLE, TEMPORARY TABLE, INDEX, SEQUENCE, SYNONYM...: not user data to profile.
    return Optional.empty();
  }

  /**
   * All columns of one schema in one call (not one per table: thousands of tables are common). The
   * schema is a LIKE pattern to the driver, so rows are matched to tables exactly here.
   */
  private Map<String, List<DbColumn>> columnsOf(DatabaseMetaData md, TableRef schemaOf)
      throws SQLException {
    Map<String, TreeMap<Integer, DbColumn>> byTable = new HashMap<>();
    try (ResultSet rs = md.getColumns(schemaOf.catalog(), schemaOf.schema(), "%", "%")) {
      while (rs.next()) {
        if (!Objects.equals(rs.getString("TABLE_SCHEM"), schemaOf.schema())
            || !Objects.equals(rs.getString("TABLE_CAT"), schemaOf.catalog())) {
          continue;
        }
        int jdbcType = rs.getInt("DATA_TYPE");
        String typeName = rs.getString("TYPE_NAME");
        DbColumn column =
            new DbColumn(
                rs.getString("COLUMN_NAME"),
                jdbcType,
                typeName,
                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                JdbcTypes.valueTypeOf(jdbcType, typeName));
        byTable
            .computeIfAbsent(rs.getString("TABLE_NAME"), k -> new TreeMap<>())
            .put(rs.getInt("ORDINAL_POSITION"), column);
      }
    }
    Map<String, List<DbColumn>> columns = new HashMap<>();
    byTable.forEach((table, ordered) -> columns.put(table, List.copyOf(ordered.values())));
    return columns;
  }

  private static List<String> primaryKey(DatabaseMetaData md, TableRef ref) throws SQLException {
    TreeMap<Integer, String> bySequence = new TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(ref.catalog(), ref.schema(), ref.name())) {
      while (rs.next()) {
        bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(bySequence.values());
  }

  private static List<ForeignKey> foreignKeys(DatabaseMetaData md, TableRef ref)
      throws SQLException {
    // Rows come per referenced table and key position. A key is identified by its name where the
    // database names keys; SQLite leaves names empty, so a KEY_SEQ of 1 starts the next key.
    List<ForeignKeyBuilder> keys = new ArrayList<>();
    ForeignKeyBuilder current = null;
    try (ResultSet rs = md.getImportedKeys(ref.catalog(), ref.schema(), ref.name())) {
      while (rs.next()) {
        String name = rs.getString("FK_NAME");
        int sequence = rs.getInt("KEY_SEQ");
        String refSchema = rs.getString("PKTABLE_SCHEM");
        String refTable = rs.getString("PKTABLE_NAME");
        boolean named = name != null && !name.isEmpty();
        boolean sameKey =
            current != null
                && Objects.equals(current.refTable, refTable)
                && Objects.equals(current.refSchema, refSchema)
                && (named ? name.equals(current.name) : sequence != 1);
        if (!sameKey) {
          current = new ForeignKeyBuilder(name, refSchema, refTable);
          keys.add(current);
        }
        current.columns.put(sequence, new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
      }
    }
    return keys.stream().map(ForeignKeyBuilder::build).toList();
  }

  private static final class ForeignKeyBuilder {
    final String name;
    final String refSchema;
    final String refTable;
    final TreeMap<Integer, String[]> columns = new TreeMap<>();

    ForeignKeyBuilder(String name, String refSchema, String refTable) {
      this.name = name;
      this.refSchema = refSchema;
      this.refTable = refTable;
    }

    ForeignKey build() {
      return new ForeignKey(
          columns.values().stream().map(pair -> pair[0]).toList(),
          refSchema,
          refTable,
          columns.values().stream().map(pair -> pair[1]).toList());
    }
  }

  /**
   * The table's name as a query must write it: each part quoted with the database's quote
   * string (embedded quotes doubled), with the catalog and schema where the database accepts them
   * in queries. {@code "public"."orders"} in PostgreSQL, {@code "orders"} in SQLite.
   */
  public String qualifiedName(DbTable table) {
    String name = quoteIdentifier(table.name());
    if (table.schema() != null && !table.schema().isEmpty() && schemasInQueries) {
      name = quoteIdentifier(table.schema()) + "." + name;
    }
    if (table.catalog() != null && !table.catalog().isEmpty() && catalogsInQueries) {
      name =
          catalogAtStart
              ? quoteIdentifier(table.catalog()) + catalogSeparator + name
              : name + catalogSeparator + quoteIdentifier(table.catalog());
    }
    return name;
  }

  /** {@code identifier} quoted for this database, e.g. {@code "my ""odd"" name"}. */
  public String quoteIdentifier(String identifier) {
    if (quote.isEmpty()) {
      return identifier;
    }
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  /** The table as the format layer reads it; rows come from this catalog's connection. */
  public Table table(DbTable table) {
    return new JdbcTable(this, table);
  }

  /** {@code SELECT count(*)}: exact, and a full scan on most databases. */
  public long rowCount(DbTable table) throws DatabaseAccessException {
    requireOpen();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + qualifiedName(table))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw errors.translate("Counting the rows of " + qualifiedName(table) + " failed", e);
    }
  }

  RecordReader openReader(DbTable table) throws IOException {
    requireOpen();
    String columns =
        table.columns().stream().map(c -> quoteIdentifier(c.name())).collect(Collectors.joining(", "));
    String sql = "SELECT " + columns + " FROM " + qualifiedName(table);
    Statement statement = null;
    try {
      beginRead();
      statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(fetchSize);
      ResultSet rows = statement.executeQuery(sql);
      List<ColumnReader> readers = new ArrayList<>();
      for (int i = 0; i < table.columns().size(); i++) {
        readers.add(new ColumnReader(qualifiedName(table), table.columns().get(i), i + 1));
      }
      return new JdbcRecordReader(table.toSchema(), statement, rows, readers, this::endRead, errors);
    } catch (SQLException e) {
      if (statement != null) {
        closeQuietly(statement);
      }
      try {
        endRead();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw errors.translate("Reading " + qualifiedName(table) + " failed", e);
    }
  }

  private void beginRead() throws SQLException {
    if (openReaders == 0 && connection.getAutoCommit()) {
      connection.setAutoCommit(false);
      leftAutoCommit = true;
    }
    openReaders++;
  }

  private void endRead() throws SQLException {
    openReaders--;
    if (openReaders == 0 && leftAutoCommit && !connection.isClosed()) {
      leftAutoCommit = false;
      // Nothing was written: rolling back just ends the transaction the cursor needed.
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("JdbcCatalog for " + errors.redactedUrl() + " is closed");
    }
  }

  /** Closes the connection; readers still open stop working. Idempotent. */
  @Override
  public void close() throws DatabaseAccessException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw errors.translate("Closing the connection failed", e);
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // Already failing; the first failure is the one to report.
    }
  }

  @Override
  public String toString() {
    return "JdbcCatalog[" + product + " at " + errors.redactedUrl() + "]";
  }
}
