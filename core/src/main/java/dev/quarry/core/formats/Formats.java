package dev.quarry.core.formats;

import dev.quarry.core.formats.archive.ArchiveMember;
import dev.quarry.core.formats.archive.Archives;
import dev.quarry.core.formats.csv.CsvDialect;
import dev.quarry.core.formats.csv.CsvSniffer;
import dev.quarry.core.formats.csv.CsvTable;
import dev.quarry.core.formats.detect.FormatDetector;
import dev.quarry.core.formats.excel.ExcelTables;
import dev.quarry.core.formats.json.JsonTables;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.text.TextDocuments;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry point from a file and its format to its tables or its text. Callers need not know which
 * reader handles which format, nor that archive members are read as streams and copied to a
 * temporary file when their reader needs random access.
 */
public final class Formats {

  /** Separates an archive's path from a member's in a member location ({@code a.zip!/x.csv}). */
  public static final String MEMBER_SEPARATOR = "!/";

  private Formats() {}

  /** Text formats whose values are typed by the profiler from their shape. */
  public static boolean typesFromText(Format format) {
    return format == Format.CSV || format == Format.TSV;
  }

  /** Formats whose records can be read from byte ranges of one file in parallel. */
  public static boolean isSplittable(Format format) {
    return format == Format.CSV || format == Format.TSV || format == Format.JSONL;
  }

  /** Formats whose tables are always named (workbook sheets), even when there is only one. */
  public static boolean alwaysNamesTables(Format format) {
    return format == Format.XLSX || format == Format.XLS;
  }

  /** The tables of a file of a {@link Format.Kind#TABLE} format. Close the set when done. */
  public static TableSet openTables(InputFile file, Format format) throws IOException {
    boolean member = isMember(file.location());
    switch (format) {
      case CSV:
      case TSV: {
        if (member) {
          // Members are decompressed streams: no byte ranges, so read them whole.
          CsvDialect dialect = CsvSniffer.sniff(file);
          return TableSet.of(List.of(CsvTable.ofStream(file.location().name(), file::newStream,
              dialect)), null);
        }
        return TableSet.of(List.of(CsvTable.of(file)), null);
      }
      case JSON:
      case JSONL:
        return TableSet.of(JsonTables.open(file, format), null);
      case PARQUET: {
        if (member) {
          Path temp = Archives.spoolToTempFile(file);
          InputFile local = FileIO.unrestricted().newInputFile(Location.ofLocal(temp));
          return TableSet.of(List.of(new NamedTable(ParquetTable.open(local), file.location().name())),
              () -> Files.deleteIfExists(temp));
        }
        return TableSet.of(List.of(ParquetTable.open(file)), null);
      }
      case XLSX:
      case XLS: {
        ExcelTables book = ExcelTables.open(file, format);
        return TableSet.of(book.tables(), book);
      }
      default:
        throw new UnreadableInputException(file.location() + ": " + format.mediaType()
            + " holds no tables Quarry can read");
    }
  }

  /** A table readable by byte ranges (CSV, TSV, JSONL on their own, not inside an archive). */
  public static Optional<SplittableTable> splittable(InputFile file, Format format)
      throws IOException {
    if (!isSplittable(format) || isMember(file.location())) {
      return Optional.empty();
    }
    if (format == Format.JSONL) {
      return Optional.of((SplittableTable) JsonTables.open(file, format).get(0));
    }
    CsvTable table = CsvTable.of(file);
    return table.isSplittable() ? Optional.of(table) : Optional.empty();
  }

  /** Where a JSON table's records are in its document, as a JSON path ({@code $[*]}). */
  public static String jsonRecordsPath(Table table) {
    return JsonTables.recordsPath(table);
  }

  /** The text of a TEXT or PDF file. */
  public static TextDocument openDocument(InputFile file, Format format) throws IOException {
    return TextDocuments.open(file, format);
  }

  /** The members of a ZIP, TAR or GZIP file, each as a file of its own. */
  public static List<InputFile> archiveMembers(InputFile archive, Format format) throws IOException {
    List<InputFile> out = new ArrayList<>();
    for (ArchiveMember m : Archives.members(archive, format)) {
      out.add(Archives.memberFile(archive, format, m));
    }
    return out;
  }

  /** One member of an archive, by its path inside the archive. */
  public static InputFile archiveMember(InputFile archive, String memberPath) throws IOException {
    Format format = FormatDetector.detect(archive).format();
    for (ArchiveMember m : Archives.members(archive, format)) {
      if (m.path().equals(memberPath)) {
        return Archives.memberFile(archive, format, m);
      }
    }
    throw new UnreadableInputException(archive.location() + ": no member " + memberPath);
  }

  /** The member path of an archive-member location, or null for a plain file. */
  public static String memberPath(Location location) {
    int i = location.path().indexOf(MEMBER_SEPARATOR);
    return i < 0 ? null : location.path().substring(i + MEMBER_SEPARATOR.length());
  }

  private static boolean isMember(Location location) {
    return location.path().contains(MEMBER_SEPARATOR);
  }

  /** Keeps a member's own name on a table read from its temporary copy. */
  private record NamedTable(Table table, String name) implements Table {
    @Override
    public Schema schema() throws IOException {
      return table.schema();
    }

    @Override
    public RecordReader open() throws IOException {
      return table.open();
    }
  }
}
