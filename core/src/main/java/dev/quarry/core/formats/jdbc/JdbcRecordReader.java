package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Streams the rows of one {@code SELECT}, converting each value to its column's Java class. */
final class JdbcRecordReader implements RecordReader {

  /** Called once when the reader closes, to end the read transaction it ran in. */
  interface OnClose {
    void closed() throws SQLException;
  }

  private final Schema schema;
  private final Statement statement;
  private final ResultSet rows;
  private final List<ColumnReader> columns;
  private final OnClose onClose;
  private final ErrorTranslator errors;
  private boolean closed;

  JdbcRecordReader(
      Schema schema,
      Statement statement,
      ResultSet rows,
      List<ColumnReader> columns,
      OnClose onClose,
      ErrorTranslator errors) {
    this.schema = schema;
    this.statement = statement;
    this.rows = rows;
    this.columns = columns;
    this.onClose = onClose;
    this.errors = errors;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Object[] next() throws IOException {
    if (closed) {
      throw new IOException("Reader is closed");
    }
    try {
      if (!rows.next()) {
        return null;
      }
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = columns.get(i).read(rows);
      }
      return row;
    } catch (SQLException e) {
      throw errors.translate("Reading rows failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException first = null;
    for (AutoCloseable resource : new AutoCloseable[] {rows, statement}) {
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof SQLException sql ? sql : new SQLException(e);
        }
      }
    }
    try {
      onClose.closed();
    } catch (SQLException e) {
      if (first == null) {
        first = e;
      }
    }
    if (first != null) {
      throw errors.translate("Closing the reader failed", first);
    }
  }
}
