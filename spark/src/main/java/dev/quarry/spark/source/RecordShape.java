package dev.quarry.spark.source;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * How a record's original bytes become a Spark row, by format: FASTQ reads as (id, sequence,
 * quality), FASTA sequences as (id, sequence) with the lines joined, CSV/TSV records as one string
 * column per header field (quoted fields, embedded newlines and all), everything else (text lines,
 * JSON lines, VCF records, Parquet rows as JSON) as one {@code value} column without its line
 * terminator.
 */
abstract class RecordShape implements Serializable {

  private static final long serialVersionUID = 1L;

  abstract StructType schema();

  abstract InternalRow row(byte[] record);

  /** The shape for slice format {@code format} of an object whose header is {@code header}. */
  static RecordShape of(String format, byte[] header) {
    String base = format.endsWith(".gz") ? format.substring(0, format.length() - 3) : format;
    return switch (base) {
      case "fastq" -> new Fastq();
      case "fasta" -> new Fasta();
      case "csv" -> new Delimited(',', header);
      case "tsv" -> new Delimited('\t', header);
      default -> new Value();
    };
  }

  static String stripEol(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == '\n' || b[to - 1] == '\r')) {
      to--;
    }
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  static List<String> lines(byte[] record) {
    List<String> lines = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i < record.length; i++) {
      if (record[i] == '\n') {
        lines.add(stripEol(record, start, i));
        start = i + 1;
      }
    }
    if (start < record.length) {
      lines.add(stripEol(record, start, record.length));
    }
    return lines;
  }

  static final class Value extends RecordShape {
    private static final long serialVersionUID = 1L;

    @Override
    StructType schema() {
      return new StructType().add("value", DataTypes.StringType, false);
    }

    @Override
    InternalRow row(byte[] record) {
      return new GenericInternalRow(new Object[] {UTF8String.fromString(stripEol(record, 0, record.length))});
    }
  }

  static final class Fastq extends RecordShape {
    private static final long serialVersionUID = 1L;

    @Override
    StructType schema() {
      return new StructType().add("id", DataTypes.StringType, false)
          .add("sequence", DataTypes.StringType, false).add("quality", DataTypes.StringType, false);
    }

    @Override
    InternalRow row(byte[] record) {
      List<String> l = lines(record); // @id, sequence, +, quality: the slice format checked it
      return new GenericInternalRow(new Object[] {UTF8String.fromString(l.get(0).substring(1)),
          UTF8String.fromString(l.get(1)), UTF8String.fromString(l.get(3))});
    }
  }

  static final class Fasta extends RecordShape {
    private static final long serialVersionUID = 1L;

    @Override
    StructType schema() {
      return new StructType().add("id", DataTypes.StringType, false)
          .add("sequence", DataTypes.StringType, false);
    }

    @Override
    InternalRow row(byte[] record) {
      List<String> l = lines(record);
      StringBuilder seq = new StringBuilder();
      for (int i = 1; i < l.size(); i++) {
        seq.append(l.get(i));
      }
      return new GenericInternalRow(new Object[] {UTF8String.fromString(l.get(0).substring(1)),
          UTF8String.fromString(seq.toString())});
    }
  }

  /** One string column per header field; a record with fewer fields gets nulls, extra ones are cut. */
  static final class Delimited extends RecordShape {
    private static final long serialVersionUID = 1L;
    private final char delimiter;
    private final String[] names;

    Delimited(char delimiter, byte[] header) {
      this.delimiter = delimiter;
      List<String> fields = header.length == 0 ? List.of("value") : parse(delimiter, header);
      this.names = fields.toArray(String[]::new);
    }

    @Override
    StructType schema() {
      StructField[] f = new StructField[names.length];
      for (int i = 0; i < names.length; i++) {
        f[i] = DataTypes.createStructField(names[i], DataTypes.StringType, true);
      }
      return new StructType(f);
    }

    @Override
    InternalRow row(byte[] record) {
      List<String> fields = parse(delimiter, record);
      Object[] values = new Object[names.length];
      for (int i = 0; i < values.length && i < fields.size(); i++) {
        values[i] = UTF8String.fromString(fields.get(i));
      }
      return new GenericInternalRow(values);
    }

    private static List<String> parse(char delimiter, byte[] record) {
      String text = new String(record, StandardCharsets.UTF_8);
      for (CsvRecord r : CsvReader.builder().fieldSeparator(delimiter).ofCsvRecord(text)) {
        return r.getFields();
      }
      return List.of();
    }
  }
}
