package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.InputFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.OldFileFormatException;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The sheets of an Excel workbook as tables, one per worksheet, named after the sheet, in workbook
 * order. .xlsx sheets are streamed row by row; .xls workbooks are loaded (see {@link XlsWorkbook}).
 *
 * <p>Holds the open workbook, and for a non-local input (S3, HTTP) a local copy of it: the .xlsx
 * ZIP and the .xls container both need random access, which object stores only give by range, one
 * request per seek. Closing releases both and deletes the copy; the tables cannot be read after.
 * The tables of one workbook share its parser state: read them one at a time.
 */
public final class ExcelTables implements Closeable {

  private final List<Table> tables;
  private final List<Closeable> resources;

  private ExcelTables(List<Table> tables, List<Closeable> resources) {
    this.tables = List.copyOf(tables);
    this.resources = resources;
  }

  /**
   * Opens a workbook. {@code format} is what the caller detected (XLSX or XLS); the file's own
   * signature decides how it is read, so an .xls saved with an .xlsx name still reads.
   *
   * @throws UnreadableInputException if the file is password-protected, corrupt or not a workbook
   */
  public static ExcelTables open(InputFile file, Format format) throws IOException {
    if (format != Format.XLSX && format != Format.XLS) {
      throw new IllegalArgumentException("not an Excel format: " + format);
    }
    String displayName = file.location().toString();
    List<Closeable> resources = new ArrayList<>();
    try {
      Path local = localCopy(file, format, resources);
      FileMagic magic = FileMagic.valueOf(local.toFile());
      if (magic == FileMagic.OOXML) {
        XlsxWorkbook workbook = XlsxWorkbook.open(local, displayName);
        resources.add(0, workbook);
        return new ExcelTables(workbook.sheets(), resources);
      }
      if (magic == FileMagic.OLE2) {
        XlsWorkbook workbook = openOle2(local, displayName);
        resources.add(0, workbook);
        return new ExcelTables(workbook.sheets(), resources);
      }
      throw new UnreadableInputException(displayName + " is not an Excel workbook (found " + magic + ")");
    } catch (IOException | RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }

  /** The sheets, in workbook order. */
  public List<Table> tables() {
    return tables;
  }

  @Override
  public void close() throws IOException {
    IOException failure = closeAll(resources, null);
    if (failure != null) {
      throw failure;
    }
  }

  private static Path localCopy(InputFile file, Format format, List<Closeable> resources) throws IOException {
    if (file.location().isLocal()) {
      return file.location().toPath();
    }
    Path copy = Files.createTempFile("quarry-excel-", format == Format.XLSX ? ".xlsx" : ".xls");
    resources.add(() -> Files.deleteIfExists(copy));
    try (InputStream in = file.newStream()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  /** An OLE2 container: an .xls workbook, or an .xlsx that Excel encrypted with a password. */
  private static XlsWorkbook openOle2(Path path, String displayName) throws IOException {
    POIFSFileSystem fs;
    try {
      fs = new POIFSFileSystem(path.toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableInputException(displayName + " is not a readable .xls workbook: " + e.getMessage(), e);
    }
    try {
      if (fs.getRoot().hasEntry(Decryptor.DEFAULT_POIFS_ENTRY)) {
        throw new UnreadableInputException(displayName + " is password-protected");
      }
      return new XlsWorkbook(fs);
    } catch (EncryptedDocumentException e) {
      fs.close();
      throw new UnreadableInputException(displayName + " is password-protected", e);
    } catch (OldFileFormatException e) {
      fs.close();
      throw new UnreadableInputException(
          displayName + " is in a pre-97 Excel format, which is not supported: " + e.getMessage(), e);
    } catch (UnreadableInputException e) {
      fs.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      fs.close();
      throw new UnreadableInputException(displayName + " is not a readable .xls workbook: " + e.getMessage(), e);
    }
  }

  /** Closes in order; returns (or adds to {@code primary}) the first failure. */
  private static IOException closeAll(List<Closeable> resources, Exception primary) {
    IOException first = null;
    for (Closeable c : resources) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }
}
