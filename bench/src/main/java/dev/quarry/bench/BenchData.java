package dev.quarry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Generates the benchmark inputs: a CSV of 20 mixed columns (integers, floats, categories, text,
 * dates, timestamps, booleans, emails, coordinates, ids) of a given size, and the same data as
 * Parquet (converted by DuckDB, so the Parquet file is what a real tool writes).
 */
final class BenchData {

  static final String HEADER = "id,customer_id,amount,quantity,price,discount,category,status,"
      + "country,city,email,comment,created_date,updated_at,is_active,score,latitude,longitude,"
      + "year,code";

  private static final String[] CATEGORIES = {"books", "games", "garden", "music", "tools",
      "toys", "food", "health", "sports", "beauty", "auto", "baby"};
  private static final String[] STATUS = {"new", "paid", "shipped", "delivered", "returned"};
  private static final String[] COUNTRIES = {"FR", "DE", "US", "GB", "ES", "IT", "NL", "BR", "JP", "IN"};
  private static final String[] CITIES = {"Paris", "Berlin", "New York", "London", "Madrid",
      "Rome", "Amsterdam", "São Paulo", "Tokyo", "Mumbai", "Lyon", "Munich", "Boston"};
  private static final String[] WORDS = {"fast", "delivery", "great", "product", "would", "buy",
      "again", "not", "as", "described", "quality", "price", "good", "bad", "excellent", "ok"};

  private BenchData() {}

  static Path csv(Path dir, long targetBytes) throws IOException {
    Path file = dir.resolve("bench-" + (targetBytes >> 20) + "mb.csv");
    if (Files.exists(file) && Files.size(file) >= targetBytes) {
      return file;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    SplittableRandom r = new SplittableRandom(42);
    LocalDate day0 = LocalDate.of(2015, 1, 1);
    LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
    long written = 0;
    StringBuilder line = new StringBuilder(256);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (long id = 1; written < targetBytes; id++) {
        line.setLength(0);
        line.append(id).append(',')
            .append(1 + r.nextInt(500_000)).append(',')
            .append(Math.round(r.nextDouble() * 100_000) / 100.0).append(',')
            .append(1 + r.nextInt(20)).append(',')
            .append(Math.round((1 + r.nextGaussian() * 0.3 + 2) * 1000) / 100.0).append(',')
            .append(r.nextInt(10) == 0 ? "" : Double.toString(r.nextInt(50) / 100.0)).append(',')
            .append(CATEGORIES[r.nextInt(CATEGORIES.length)]).append(',')
            .append(STATUS[r.nextInt(STATUS.length)]).append(',')
            .append(COUNTRIES[r.nextInt(COUNTRIES.length)]).append(',')
            .append(CITIES[r.nextInt(CITIES.length)]).append(',')
            .append("user").append(r.nextInt(1_000_000)).append("@example.com").append(',');
        line.append('"');
        int words = 3 + r.nextInt(10);
        for (int i = 0; i < words; i++) {
          if (i > 0) {
            line.append(' ');
          }
          line.append(WORDS[r.nextInt(WORDS.length)]);
        }
        if (r.nextInt(20) == 0) {
          line.append(", really");
        }
        line.append('"').append(',')
            .append(day0.plusDays(r.nextInt(3650))).append(',')
            .append(t0.plusSeconds(r.nextInt(150_000_000))).append(',')
            .append(r.nextBoolean()).append(',')
            .append(r.nextInt(100) == 0 ? "" : Integer.toString(r.nextInt(101))).append(',')
            .append(Math.round((r.nextDouble() * 120 - 60) * 1e5) / 1e5).append(',')
            .append(Math.round((r.nextDouble() * 340 - 170) * 1e5) / 1e5).append(',')
            .append(1990 + r.nextInt(35)).append(',')
            .append((char) ('A' + r.nextInt(26))).append((char) ('A' + r.nextInt(26)))
            .append('-').append(1000 + r.nextInt(9000))
            .append('\n');
        w.append(line);
        written += line.length();
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static Path parquet(Path csv) throws Exception {
    Path file = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".parquet"));
    if (Files.exists(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(csv)) > 0) {
      return file;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + file
          + "' (FORMAT parquet, ROW_GROUP_SIZE 500000)");
    }
    return file;
  }
}
