package dev.quarry.core.formats;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The tables of one opened file, and the resources behind them (a spooled temporary copy of a
 * remote workbook, say), released on close.
 */
public interface TableSet extends Closeable {

  List<Table> tables();

  static TableSet of(List<Table> tables, Closeable resources) {
    List<Table> copy = List.copyOf(tables);
    return new TableSet() {
      @Override
      public List<Table> tables() {
        return copy;
      }

      @Override
      public void close() throws IOException {
        if (resources != null) {
          resources.close();
        }
      }
    };
  }
}
