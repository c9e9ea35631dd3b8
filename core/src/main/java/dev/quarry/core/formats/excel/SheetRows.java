package dev.quarry.core.formats.excel;

import java.io.Closeable;
import java.io.IOException;

/** The stored rows of one sheet, in order; rows the file does not hold are simply not returned. */
interface SheetRows extends Closeable {

  /** The next stored row, or null at the end. */
  SheetRow next() throws IOException;

  /** Opens the rows of one sheet from the start; called once per pass over the sheet. */
  @FunctionalInterface
  interface Source {
    SheetRows open() throws IOException;
  }
}
