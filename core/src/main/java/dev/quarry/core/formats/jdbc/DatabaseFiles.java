package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * Turns a database file found in a dataset folder (SQLite, DuckDB, H2) into a read-only {@link
 * JdbcSource}. The kind is recognised by the file's first bytes, not its name: {@code .db} is used
 * by SQLite and DuckDB alike, and a misnamed file should still open.
 */
public final class DatabaseFiles {

  /** Database engines that keep a database in one local file. */
  public enum Kind {
    SQLITE,
    DUCKDB,
    H2
  }

  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** DuckDB's main header: an 8-byte checksum, then this. */
  private static final byte[] DUCKDB_MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
  private static final int DUCKDB_MAGIC_OFFSET = 8;
  /** H2's MVStore file header starts with its format name. */
  private static final byte[] H2_MAGIC = "H:2,".getBytes(StandardCharsets.US_ASCII);

  private static final String H2_SUFFIX = ".mv.db";

  private DatabaseFiles() {}

  /** The kind of database in {@code file}, or empty if it is none of them. */
  public static Optional<Kind> detect(Path file) throws IOException {
    byte[] head = new byte[16];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, read, 0, SQLITE_MAGIC)) {
      return Optional.of(Kind.SQLITE);
    }
    if (startsWith(head, read, DUCKDB_MAGIC_OFFSET, DUCKDB_MAGIC)) {
      return Optional.of(Kind.DUCKDB);
    }
    if (startsWith(head, read, 0, H2_MAGIC)) {
      return Optional.of(Kind.H2);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int length, int offset, byte[] magic) {
    return length >= offset + magic.length
        && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
  }

  /**
   * A read-only source for the database in {@code file}: {@code jdbc:sqlite:} opened read-only,
   * {@code jdbc:duckdb:} with {@code duckdb.read_only=true}, {@code jdbc:h2:file:} with {@code
   * ACCESS_MODE_DATA=r} as user {@code sa} with an empty password (H2's convention; use {@link
   * #sourceFor(Path, String, String)} for others).
   *
   * @throws NoSuchFileException if there is no such file: the drivers would create an empty
   *     database instead
   * @throws UnreadableInputException if the file is not a SQLite, DuckDB or H2 database
   */
  public static JdbcSource sourceFor(Path file) throws IOException {
    return sourceFor(file, null, null);
  }

  /** As {@link #sourceFor(Path)}, logging in as {@code user} (H2 files belong to their creator). */
  public static JdbcSource sourceFor(Path file, String user, String password) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new NoSuchFileException(absolute.toString(), null, "no database file here");
    }
    Kind kind =
        detect(absolute)
            .orElseThrow(
                () ->
                    new UnreadableInputException(
                        absolute + " is not a SQLite, DuckDB or H2 database file"));
    Properties properties = new Properties();
    String url =
        switch (kind) {
          case SQLITE -> {
            // SQLITE_OPEN_READONLY: without the CREATE flag nothing is ever written.
            properties.setProperty("open_mode", "1");
            yield "jdbc:sqlite:" + absolute;
          }
          case DUCKDB -> {
            properties.setProperty("duckdb.read_only", "true");
            yield "jdbc:duckdb:" + absolute;
          }
          case H2 -> {
            properties.setProperty("user", user == null ? "sa" : user);
            properties.setProperty("password", password == null ? "" : password);
            yield "jdbc:h2:file:" + h2Base(absolute) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
          }
        };
    if (kind != Kind.H2) {
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
    }
    return new JdbcSource(url, properties);
  }

  /** H2 names a database by its path without {@code .mv.db}; settings follow after {@code ;}. */
  private static String h2Base(Path file) throws UnreadableInputException {
    String path = file.toString();
    if (!path.endsWith(H2_SUFFIX)) {
      throw new UnreadableInputException(
          file + " is an H2 database, but H2 only opens files named *" + H2_SUFFIX);
    }
    if (path.contains(";")) {
      throw new UnreadableInputException(
          file + ": H2 cannot open a path containing ';' (it separates URL settings)");
    }
    return path.substring(0, path.length() - H2_SUFFIX.length());
  }
}
