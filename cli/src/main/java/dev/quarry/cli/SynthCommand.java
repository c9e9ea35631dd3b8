package dev.quarry.cli;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.synth.FragmentStore;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.TableWriter;
import dev.quarry.synth.schema.SchemaLimits;
import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.write.Compression;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quarry synth --schema FILE}: synthetic data from a schema, streamed in any format; {@code
 * --from-profile FILE}: the synthetic twin of a profiled dataset ({@link TwinCommandSupport}).
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Generate synthetic data from a schema (YAML or JSON): deterministic for a seed, whatever the",
      "number of workers. With --table (or a one-table schema) rows go to stdout or --out; without,",
      "every table is written into the --out folder, one file per table.",
      "With --from-profile (a 'quarry profile -f json' file) a twin of the profiled data is written",
      "into --out and a fidelity report comparing its profile with the original is printed."
    })
final class SynthCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--schema", paramLabel = "FILE", description = "The schema file.")
  Path schemaFile;

  @Option(names = "--from-profile", paramLabel = "FILE",
      description = "Instead of --schema: make a synthetic twin of a heavy JSON profile.")
  Path fromProfile;

  @Option(names = "--report", paramLabel = "FILE", description = "With --from-profile: the fidelity report as JSON.")
  Path report;

  @Option(names = "--emit-schema", paramLabel = "FILE",
      description = "With --from-profile: save the twin's schema, to edit and use with --schema.")
  Path emitSchema;

  @Option(names = "--table", paramLabel = "NAME", description = "Only this table.")
  String table;

  @Option(names = "--rows", paramLabel = "N", description = "Rows per written table (overrides the schema).")
  Long rows;

  @Option(names = "--seed", paramLabel = "S", description = "Seed (overrides the schema).")
  Long seed;

  @Option(names = {"-f", "--format"}, defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv, tsv, json, jsonl, sql, sql:postgresql, sql:mysql, sql:sqlite, xml, parquet."
          + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = {"-o", "--out"}, paramLabel = "LOC",
      description = "A file (one table) or folder (all tables), local or s3://; written atomically.")
  String out;

  @Option(names = "--compress", defaultValue = "none", paramLabel = "none|gzip|zstd",
      description = "Compress the output. Default: ${DEFAULT-VALUE}.")
  String compress;

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--fragments", paramLabel = "LOC",
      description = "With --engine spark on several machines: a folder every executor can write and"
          + " this process can read (s3://bucket/prefix/) where shard fragments wait to be joined."
          + " Default: a temporary folder of this machine.")
  String fragments;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: when attached to a terminal).")
  Boolean progress;

  @Option(names = "--max-rows", defaultValue = "10000000000", paramLabel = "N",
      description = "Refuse tables larger than this. Default: ${DEFAULT-VALUE}.")
  long maxRows;

  /** Where shard fragments wait on a cluster; null for the default (a temporary folder). */
  private FragmentStore fragmentStore(FileIO io) {
    if (fragments == null) {
      return null;
    }
    try {
      return new FragmentStore(io, Location.parse(fragments));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fragments " + fragments + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws IOException {
    if ((fromProfile == null) == (schemaFile == null)) {
      throw new IllegalArgumentException("give one of --schema FILE or --from-profile FILE");
    }
    if (fromProfile != null) {
      if (table != null || !"none".equals(compress)) {
        throw new IllegalArgumentException("--table and --compress do not apply to --from-profile");
      }
      return TwinCommandSupport.run(fromProfile, rows, seed, format, out, engineOptions, emitSchema, report,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    engineOptions.validate();
    OutputFormat fmt = OutputFormats.byName(format);
    Compression compression = Compression.byName(compress);
    String text;
    try {
      text = Files.readString(schemaFile);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(schemaFile + ": no such schema file");
    }
    SchemaLimits limits = SchemaLimits.DEFAULT.withMaxRowsPerTable(maxRows);
    SynthSchema schema;
    try {
      schema = SchemaParser.parse(text, limits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(schemaFile + ": " + e.getMessage(), e);
    }
    List<String> tables = table != null ? List.of(table) : List.copyOf(schema.tables().keySet());
    if (table != null && !schema.tables().containsKey(table)) {
      throw new IllegalArgumentException(schemaFile + ": no table '" + table + "' (tables: "
          + String.join(", ", schema.tables().keySet()) + ")");
    }
    if (seed != null) {
      schema = schema.withSeed(seed);
    }
    if (rows != null) {
      if (rows < 0) {
        throw new IllegalArgumentException("--rows must not be negative, got " + rows);
      }
      for (String t : tables) {
        schema = schema.withRows(t, rows);
      }
    }
    try {
      schema.validate(limits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(schemaFile + ": " + e.getMessage(), e);
    }
    if (tables.size() > 1 && out == null) {
      throw new IllegalArgumentException("the schema has " + tables.size()
          + " tables: pass --table NAME, or --out FOLDER for one file per table");
    }
    Synthesizer synth = new Synthesizer(schema);
    FileIO io = FileIO.unrestricted();
    TableWriter.Settings settings = TableWriter.Settings.DEFAULT.withFragments(fragmentStore(io));
    PrintStream err = System.err;
    try (Engine engine = engineOptions.open()) {
      for (String t : tables) {
        long t0 = System.nanoTime();
        TableWriter.Result result;
        if (out == null) {
          try (RowsBar bar = RowsBar.open(showProgress(), t, synth.schema().table(t).rows())) {
            result = TableWriter.write(synth, t, fmt, compression, System.out, engine, bar.options(), settings);
          }
        } else {
          Location target = tables.size() > 1 || isFolder(out)
              ? Location.parse(out).resolve(compression.fileName(t + "." + fmt.extension()))
              : Location.parse(out);
          TableWriter.Result[] holder = new TableWriter.Result[1];
          io.newOutputFile(target).write(os -> {
            try (RowsBar bar = RowsBar.open(showProgress(), t, synth.schema().table(t).rows())) {
              holder[0] = TableWriter.write(synth, t, fmt, compression, os, engine, bar.options(), settings);
            }
          });
          result = holder[0];
        }
        double s = (System.nanoTime() - t0) / 1e9;
        err.printf(Locale.ROOT, "quarry: %s: %,d rows, %,d bytes in %.2f s (%,.0f rows/s, %.1f MB/s)%n",
            t, result.rows(), result.bytes(), s, result.rows() / Math.max(s, 1e-9),
            result.bytes() / Math.max(s, 1e-9) / 1e6);
      }
    }
    return 0;
  }

  private boolean showProgress() {
    return progress != null ? progress : System.console() != null;
  }

  /** A rows/s progress bar on stderr, advanced as shards finish; a no-op when not shown. */
  private record RowsBar(me.tongfei.progressbar.ProgressBar bar) implements AutoCloseable {
    static RowsBar open(boolean show, String table, long rows) {
      if (!show) {
        return new RowsBar(null);
      }
      return new RowsBar(new me.tongfei.progressbar.ProgressBarBuilder()
          .setTaskName(table)
          .setInitialMax(Math.max(rows, 1))
          .setUnit(" rows", 1)
          .showSpeed()
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
          .build());
    }

    RunOptions options() {
      if (bar == null) {
        return RunOptions.defaults();
      }
      return RunOptions.defaults().withProgress(TableWriter.rowsProgress(bar.getMax(), 0, bar::stepTo));
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private static boolean isFolder(String out) {
    return out.endsWith("/") || (!out.contains("://") && Files.isDirectory(Path.of(out)));
  }
}
