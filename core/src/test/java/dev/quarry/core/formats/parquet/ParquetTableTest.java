package dev.quarry.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTableTest {

  private static final MessageType ALL_TYPES =
      MessageTypeParser.parseMessageType(
          """
          message all_types {
            required int32 id;
            optional int64 big;
            optional double score;
            optional float ratio;
            optional boolean flag;
            optional binary name (STRING);
            optional binary blob;
            optional int32 day (DATE);
            optional int64 ts_millis_utc (TIMESTAMP(MILLIS,true));
            optional int64 ts_millis_local (TIMESTAMP(MILLIS,false));
            optional int64 ts_micros_utc (TIMESTAMP(MICROS,true));
            optional int64 ts_micros_local (TIMESTAMP(MICROS,false));
            optional int64 t_micros (TIME(MICROS,false));
            optional int64 price (DECIMAL(12,2));
            optional binary amount (DECIMAL(20,4));
            optional fixed_len_byte_array(16) uid (UUID);
            optional int96 legacy_ts;
            optional group address {
              optional binary city (STRING);
              optional int32 zip;
            }
            optional group tags (LIST) {
              repeated group list {
                optional binary element (STRING);
              }
            }
            optional group attrs (MAP) {
              repeated group key_value {
                required binary key (STRING);
                optional int32 value;
              }
            }
            repeated int32 scores;
          }
          """);

  private static final int ROWS = 2_500;
  private static final int ROWS_PER_GROUP = 1_000;
  private static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);
  private static final Instant MILLIS0 = Instant.parse("2024-03-01T12:00:00.123Z");
  private static final LocalDateTime LOCAL0 = LocalDateTime.of(2024, 3, 1, 8, 30, 0, 123_456_000);
  private static final Instant MICROS0 = Instant.parse("2023-11-14T22:13:20.654321Z");
  private static final LocalTime TIME0 = LocalTime.of(13, 45, 30, 250_000_000);
  private static final BigDecimal AMOUNT0 = new BigDecimal("-12345678901234.5678");
  private static final Instant INT96_0 = Instant.parse("2020-05-05T05:05:05.000000123Z");

  @TempDir Path dir;

  @Test
  void schemaFlattensStructsAndKeepsRepeatedFieldsAsNestedJson() throws Exception {
    ParquetTable table = ParquetTable.open(input(writeAllTypes()));

    assertThat(table.name()).isEqualTo("all_types.parquet");
    assertThat(table.schema().columns())
        .extracting(Column::name, Column::type)
        .containsExactly(
            tuple("id", ValueType.INTEGER),
            tuple("big", ValueType.INTEGER),
            tuple("score", ValueType.FLOAT),
            tuple("ratio", ValueType.FLOAT),
            tuple("flag", ValueType.BOOLEAN),
            tuple("name", ValueType.STRING),
            tuple("blob", ValueType.BYTES),
            tuple("day", ValueType.DATE),
            tuple("ts_millis_utc", ValueType.DATETIME),
            tuple("ts_millis_local", ValueType.DATETIME),
            tuple("ts_micros_utc", ValueType.DATETIME),
            tuple("ts_micros_local", ValueType.DATETIME),
            tuple("t_micros", ValueType.TIME),
            tuple("price", ValueType.DECIMAL),
            tuple("amount", ValueType.DECIMAL),
            tuple("uid", ValueType.STRING),
            tuple("legacy_ts", ValueType.DATETIME),
            tuple("address.city", ValueType.STRING),
            tuple("address.zip", ValueType.INTEGER),
            tuple("tags", ValueType.NESTED),
            tuple("attrs", ValueType.NESTED),
            tuple("scores", ValueType.NESTED));
    assertThat(table.schema().column(17).sourcePath()).isEqualTo("address.city");
  }

  @Test
  void everyValueReadsBackAsWrittenAcrossRowGroups() throws Exception {
    ParquetTable table = ParquetTable.open(input(writeAllTypes()));

    List<Object[]> rows = readAll(table.open());

    assertThat(rows).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertThat(rows.get(i)).as("row %d", i).containsExactly(expectedRow(i));
    }
  }

  @Test
  void footerGivesRowCountRowGroupsAndStatistics() throws Exception {
    Path path = writeAllTypes();
    ParquetTable table = ParquetTable.open(input(path));

    assertThat(table.rowCount()).isEqualTo(ROWS);
    assertThat(table.createdBy()).contains("parquet-mr");
    assertThat(table.rowGroups())
        .extracting(ParquetRowGroup::index, ParquetRowGroup::firstRow, ParquetRowGroup::rowCount)
        .containsExactly(tuple(0, 0L, 1000L), tuple(1, 1000L, 1000L), tuple(2, 2000L, 500L));
    for (ParquetRowGroup group : table.rowGroups()) {
      assertThat(group.byteOffset()).isGreaterThanOrEqualTo(4); // after the magic
      assertThat(group.byteOffset() + group.compressedSize()).isLessThan(Files.size(path));
    }

    ParquetColumnStats id = stats(table.columnStats(), "id");
    assertThat(id).isEqualTo(new ParquetColumnStats("id", 0L, (long) ROWS - 1, 0));
    ParquetColumnStats secondGroupId = stats(table.rowGroups().get(1).columnStats(), "id");
    assertThat(secondGroupId).isEqualTo(new ParquetColumnStats("id", 1000L, 1999L, 0));

    long bigNulls = (ROWS + 6) / 7; // every 7th row, from row 0
    ParquetColumnStats big = stats(table.columnStats(), "big");
    assertThat(big.nullCount()).isEqualTo(bigNulls);
    assertThat(big.min()).isEqualTo(1_000_000_007L);
    long lastNonNull = ROWS - 1;
    while (lastNonNull % 7 == 0) {
      lastNonNull--;
    }
    assertThat(big.max()).isEqualTo(lastNonNull * 1_000_000_007L);

    assertThat(stats(table.columnStats(), "day"))
        .isEqualTo(new ParquetColumnStats("day", DAY0, DAY0.plusDays(ROWS - 1), 0));
    assertThat(stats(table.columnStats(), "ts_millis_utc").max()).isEqualTo(MILLIS0.plusSeconds(ROWS - 1));
    assertThat(stats(table.columnStats(), "amount").min()).isEqualTo(AMOUNT0);
    assertThat(stats(table.columnStats(), "address.city").nullCount()).isEqualTo(ROWS / 5);
    assertThat(table.columnStats()).extracting(ParquetColumnStats::column).doesNotContain("tags", "attrs", "scores");
  }

  @Test
  void readsOnlyTheRowGroupsAskedFor() throws Exception {
    ParquetTable table = ParquetTable.open(input(writeAllTypes()));

    List<Object[]> middle = readAll(table.open(1, 1));
    List<Object[]> lastTwo = readAll(table.open(1, 2));

    assertThat(middle).hasSize(1000);
    assertThat(middle.get(0)[0]).isEqualTo(1000L);
    assertThat(middle.get(999)[0]).isEqualTo(1999L);
    assertThat(lastTwo).extracting(r -> r[0]).first().isEqualTo(1000L);
    assertThat(lastTwo).hasSize(1500).last().satisfies(r -> assertThat(r).containsExactly(expectedRow(ROWS - 1)));
    assertThat(readAll(table.open(3, 0))).isEmpty();
    assertThatThrownBy(() -> table.open(2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void readsFooterAndColumnChunksByRangeNeverTheWholeFile() throws Exception {
    Path path = writePayloadFile();
    long fileLength = Files.size(path);
    CountingInputFile file = new CountingInputFile(path);

    ParquetTable table = ParquetTable.open(file);
    assertThat(table.rowCount()).isEqualTo(3_000);
    assertThat(file.ranges()).allSatisfy(r -> assertThat(r.offset()).isGreaterThan(fileLength - 70_000));
    assertThat(file.bytesRequested()).isLessThan(RangeSeekableInputStream.MIN_RANGE + 1);

    ParquetRowGroup last = table.rowGroups().get(2);
    file.reset();
    long rows;
    try (RecordReader reader = table.open(2, 1)) {
      rows = readAll(reader).size();
      assertThat(reader.bytesRead()).isEqualTo(last.compressedSize());
    }

    assertThat(rows).isEqualTo(last.rowCount());
    assertThat(file.wholeStreams()).isZero();
    assertThat(file.ranges())
        .allSatisfy(
            r -> {
              assertThat(r.offset()).isGreaterThanOrEqualTo(last.byteOffset());
              assertThat(r.offset() + r.length()).isLessThanOrEqualTo(last.byteOffset() + last.compressedSize());
            });
    assertThat(file.bytesRequested()).isEqualTo(last.compressedSize()).isLessThan(fileLength / 2);
  }

  @Test
  void junkAndTruncatedFilesAreUnreadableInputNamingTheFile() throws Exception {
    Path junk = Files.write(dir.resolve("junk.parquet"), "this is not parquet at all".getBytes());
    Path full = writeAllTypes();
    byte[] bytes = Files.readAllBytes(full);
    Path truncated = Files.write(dir.resolve("truncated.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> ParquetTable.open(input(junk)))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("junk.parquet");
    assertThatThrownBy(() -> ParquetTable.open(input(truncated)))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("truncated.parquet");
  }

  // --- fixtures made here ---

  private Path writeAllTypes() throws IOException {
    Path path = dir.resolve("all_types.parquet");
    if (Files.exists(path)) {
      return path;
    }
    SimpleGroupFactory groups = new SimpleGroupFactory(ALL_TYPES);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path))
            .withType(ALL_TYPES)
            .withRowGroupRowCountLimit(ROWS_PER_GROUP)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(allTypesRow(groups.newGroup(), i));
      }
    }
    return path;
  }

  private static Group allTypesRow(Group g, int i) {
    g.append("id", i);
    if (i % 7 != 0) {
      g.append("big", i * 1_000_000_007L);
    }
    g.append("score", i * 0.5);
    g.append("ratio", 0.25f * i);
    g.append("flag", i % 2 == 0);
    if (i % 10 != 3) {
      g.append("name", "name-" + i);
    }
    g.append("blob", Binary.fromConstantByteArray(new byte[] {(byte) i, (byte) (i + 1)}));
    g.append("day", (int) DAY0.plusDays(i).toEpochDay());
    g.append("ts_millis_utc", MILLIS0.plusSeconds(i).toEpochMilli());
    g.append("ts_millis_local", LOCAL0.plusMinutes(i).toInstant(ZoneOffset.UTC).toEpochMilli());
    g.append("ts_micros_utc", ChronoUnit.MICROS.between(Instant.EPOCH, MICROS0.plusSeconds(i)));
    g.append("ts_micros_local", ChronoUnit.MICROS.between(Instant.EPOCH, LOCAL0.plusMinutes(i).toInstant(ZoneOffset.UTC)));
    g.append("t_micros", TIME0.plusSeconds(i).toNanoOfDay() / 1_000);
    g.append("price", i * 100L + 99);
    g.append("amount", Binary.fromConstantByteArray(amount(i).unscaledValue().toByteArray()));
    UUID uuid = uuid(i);
    g.append(
        "uid",
        Binary.fromConstantByteArray(
            ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array()));
    Instant legacy = INT96_0.plusSeconds(i);
    long julianDay = legacy.getEpochSecond() / 86_400 + 2_440_588;
    long nanosOfDay = (legacy.getEpochSecond() % 86_400) * 1_000_000_000L + legacy.getNano();
    g.append(
        "legacy_ts",
        Binary.fromConstantByteArray(
            ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(nanosOfDay).putInt((int) julianDay).array()));
    if (i % 5 != 0) {
      Group address = g.addGroup("address");
      address.append("city", "city-" + i);
      if (i % 3 != 0) {
        address.append("zip", 10_000 + i);
      }
    }
    if (i % 4 != 0) {
      Group tags = g.addGroup("tags");
      tags.addGroup("list").append("element", "a" + i);
      tags.addGroup("list"); // a null element
      tags.addGroup("list").append("element", "b");
    }
    Group attrs = g.addGroup("attrs");
    attrs.addGroup("key_value").append("key", "k").append("value", i);
    attrs.addGroup("key_value").append("key", "n");
    for (int s = 0; s < i % 3; s++) {
      g.append("scores", i + s);
    }
    return g;
  }

  private static Object[] expectedRow(int i) {
    String scores = i % 3 == 0 ? "[]" : i % 3 == 1 ? "[" + i + "]" : "[" + i + "," + (i + 1) + "]";
    return new Object[] {
      (long) i,
      i % 7 == 0 ? null : i * 1_000_000_007L,
      i * 0.5,
      (double) (0.25f * i),
      i % 2 == 0,
      i % 10 == 3 ? null : "name-" + i,
      new byte[] {(byte) i, (byte) (i + 1)},
      DAY0.plusDays(i),
      MILLIS0.plusSeconds(i),
      LOCAL0.plusMinutes(i).truncatedTo(ChronoUnit.MILLIS),
      MICROS0.plusSeconds(i),
      LOCAL0.plusMinutes(i),
      TIME0.plusSeconds(i),
      BigDecimal.valueOf(i * 100L + 99, 2),
      amount(i),
      uuid(i).toString(),
      INT96_0.plusSeconds(i),
      i % 5 == 0 ? null : "city-" + i,
      i % 5 == 0 || i % 3 == 0 ? null : 10_000L + i,
      i % 4 == 0 ? null : "[\"a" + i + "\",null,\"b\"]",
      "{\"k\":" + i + ",\"n\":null}",
      scores
    };
  }

  private static BigDecimal amount(int i) {
    return AMOUNT0.add(BigDecimal.valueOf(i));
  }

  private static UUID uuid(int i) {
    return new UUID(i, ~i);
  }

  /** 3 000 rows of 200 random bytes in row groups of 1 000: about 200 KB per group, incompressible. */
  private Path writePayloadFile() throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType("message p { required int64 n; required binary payload; }");
    Path path = dir.resolve("payload.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Random random = new Random(42);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path))
            .withType(schema)
            .withRowGroupRowCountLimit(1_000)
            .withDictionaryEncoding(false)
            .build()) {
      for (int i = 0; i < 3_000; i++) {
        byte[] payload = new byte[200];
        random.nextBytes(payload);
        writer.write(groups.newGroup().append("n", (long) i).append("payload", Binary.fromConstantByteArray(payload)));
      }
    }
    return path;
  }

  // --- helpers ---

  static InputFile input(Path path) throws IOException {
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  static List<Object[]> readAll(RecordReader reader) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (reader) {
      for (Object[] row = reader.next(); row != null; row = reader.next()) {
        assertThat(row).hasSize(reader.schema().size());
        rows.add(row);
      }
    }
    return rows;
  }

  private static ParquetColumnStats stats(List<ParquetColumnStats> all, String column) {
    return all.stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
