package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds each FastCSV record as a String array in which an empty unquoted field is null (a missing
 * value) while a quoted empty field stays {@code ""}. FastCSV's own handlers cannot tell the two
 * apart once built, and its field modifiers must not return null.
 */
final class NullingRowHandler extends AbstractBaseCsvCallbackHandler<String[]> {

  private List<String> fields = new ArrayList<>();

  @Override
  protected void handleBegin(long startingLineNumber) {
    fields = new ArrayList<>(Math.max(8, fields.size()));
  }

  @Override
  protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
    fields.add(!quoted && len == 0 ? null : new String(buf, offset, len));
  }

  @Override
  protected String[] buildRecord() {
    return fields.toArray(new String[0]);
  }
}
