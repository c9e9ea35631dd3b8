package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.UnreadableInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseFilesTest {

  @TempDir Path dir;

  private static void create(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void recognisesEachKindByContentNotName() throws Exception {
    // Deliberately misleading names: .db is used by SQLite and DuckDB alike.
    Path sqlite = dir.resolve("a.db");
    Path duck = dir.resolve("b.db");
    create("jdbc:sqlite:" + sqlite, "CREATE TABLE t (i INTEGER)");
    create("jdbc:duckdb:" + duck, "CREATE TABLE t (i INTEGER)");
    create("jdbc:h2:file:" + dir.resolve("c"), "CREATE TABLE t (i INTEGER)");

    assertThat(DatabaseFiles.detect(sqlite)).contains(DatabaseFiles.Kind.SQLITE);
    assertThat(DatabaseFiles.detect(duck)).contains(DatabaseFiles.Kind.DUCKDB);
    assertThat(DatabaseFiles.detect(dir.resolve("c.mv.db"))).contains(DatabaseFiles.Kind.H2);

    assertThat(DatabaseFiles.sourceFor(sqlite).url()).isEqualTo("jdbc:sqlite:" + sqlite.toAbsolutePath());
    assertThat(DatabaseFiles.sourceFor(duck).url()).isEqualTo("jdbc:duckdb:" + duck.toAbsolutePath());
    assertThat(DatabaseFiles.sourceFor(duck).properties()).containsEntry("duckdb.read_only", "true");
    assertThat(DatabaseFiles.sourceFor(dir.resolve("c.mv.db")).url())
        .isEqualTo("jdbc:h2:file:" + dir.resolve("c").toAbsolutePath() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE");
  }

  @Test
  void opensEveryKindReadOnly() throws Exception {
    Path sqlite = dir.resolve("s.sqlite");
    Path duck = dir.resolve("d.duckdb");
    create("jdbc:sqlite:" + sqlite, "CREATE TABLE t (i INTEGER)", "INSERT INTO t VALUES (1)");
    create("jdbc:duckdb:" + duck, "CREATE TABLE t (i INTEGER)", "INSERT INTO t VALUES (1)");
    create("jdbc:h2:file:" + dir.resolve("h"), "CREATE TABLE t (i INTEGER)", "INSERT INTO t VALUES (1)");

    for (Path file : new Path[] {sqlite, duck, dir.resolve("h.mv.db")}) {
      JdbcSource source = DatabaseFiles.sourceFor(file);
      try (Connection c = DriverManager.getConnection(source.url(), source.properties());
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (2)"))
            .as("writing to %s", file)
            .isInstanceOf(SQLException.class);
      }
      try (JdbcCatalog catalog = JdbcCatalog.openFile(file)) {
        DbTable t = catalog.tables().get(0);
        assertThat(t.name()).isEqualToIgnoringCase("t");
        assertThat(catalog.rowCount(t)).isEqualTo(1);
      }
    }
  }

  @Test
  void refusesMissingAndForeignFiles() throws Exception {
    Path missing = dir.resolve("missing.sqlite");
    assertThatThrownBy(() -> DatabaseFiles.sourceFor(missing)).isInstanceOf(NoSuchFileException.class);
    // The drivers would have created an empty database: nothing may appear.
    assertThat(missing).doesNotExist();

    Path csv = Files.writeString(dir.resolve("data.db"), "id,name\n1,a\n");
    assertThatThrownBy(() -> DatabaseFiles.sourceFor(csv))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("not a SQLite, DuckDB or H2 database");
    assertThat(DatabaseFiles.detect(Files.write(dir.resolve("empty.db"), new byte[0]))).isEmpty();
  }
}
