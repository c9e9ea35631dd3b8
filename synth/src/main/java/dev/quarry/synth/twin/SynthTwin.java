package dev.quarry.synth.twin;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.profile.Profiler;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.TableWriter;
import dev.quarry.synth.twin.ProfileToSchema.TablePlan;
import dev.quarry.synth.twin.ProfileToSchema.Twin;
import dev.quarry.synth.write.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synthetic twin end to end: read a heavy profile, build its schema, write one file per record
 * set, profile what was written and compare it with the original.
 *
 * <pre>{@code
 * try (LocalEngine engine = new LocalEngine(4)) {
 *   TwinProfile original = SynthTwin.read(Path.of("profile.json"));
 *   Twin twin = ProfileToSchema.build(original, 20_000L, 42);
 *   List<SynthTwin.Written> files = SynthTwin.write(twin.schema(), out, OutputFormats.CSV, engine);
 *   FidelityReport report = SynthTwin.fidelity(original, twin.tables(), files, engine);
 * }
 * }</pre>
 */
public final class SynthTwin {

  /** Formats the profiler reads back; the report needs one of them. */
  private static final Set<String> PROFILEABLE = Set.of("csv", "tsv", "json", "jsonl", "parquet", "parquet:zstd");

  /** One written table. */
  public record Written(String table, Path file, long rows, long bytes) {}

  private SynthTwin() {}

  /** Reads a Quarry JSON profile file; {@link TwinException} naming the file if it is unusable. */
  public static TwinProfile read(Path profileFile) throws IOException {
    String text;
    try {
      text = Files.readString(profileFile);
    } catch (NoSuchFileException e) {
      throw new TwinException(profileFile + ": no such profile file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new TwinException(profileFile + ": not a JSON file (not UTF-8 text)");
    }
    try {
      return TwinProfile.parse(text);
    } catch (TwinException e) {
      throw new TwinException(profileFile + ": " + e.getMessage(), e);
    }
  }

  /** Whether the fidelity report can be made for output in {@code format}. */
  public static boolean profileable(OutputFormat format) {
    return PROFILEABLE.contains(format.name());
  }

  /** Writes every table of {@code schema} into {@code folder} as {@code <table>.<ext>}, atomically. */
  public static List<Written> write(
      dev.quarry.synth.schema.SynthSchema schema, Path folder, OutputFormat format, Engine engine)
      throws IOException {
    Files.createDirectories(folder);
    Synthesizer synth = new Synthesizer(schema);
    FileIO io = FileIO.unrestricted();
    List<Written> out = new ArrayList<>();
    for (String table : synth.tables()) {
      Path file = folder.resolve(table + "." + format.extension());
      TableWriter.Result[] result = new TableWriter.Result[1];
      io.newOutputFile(Location.parse(file.toAbsolutePath().toString())).write(os ->
          result[0] = TableWriter.write(synth, table, format, os, engine, RunOptions.defaults()));
      out.add(new Written(table, file, result[0].rows(), result[0].bytes()));
    }
    return out;
  }

  /** Profiles each written file on {@code engine} and scores it against the original profile. */
  public static FidelityReport fidelity(
      TwinProfile original, List<TablePlan> plans, List<Written> files, Engine engine) throws IOException {
    Profiler profiler = new Profiler(FileIO.unrestricted(), engine);
    Map<String, TwinProfile> twins = new LinkedHashMap<>();
    for (Written w : files) {
      twins.put(w.table(), TwinProfile.of(profiler.profile(ProfileRequest.of(w.file().toAbsolutePath().toString()))));
    }
    return FidelityReport.compare(original, plans, twins);
  }

  /** {@link #write} then {@link #fidelity}; the report is null when {@code format} is not profileable. */
  public static Result run(TwinProfile original, Twin twin, Path folder, OutputFormat format, Engine engine)
      throws IOException {
    List<Written> files = write(twin.schema(), folder, format, engine);
    FidelityReport report = profileable(format) ? fidelity(original, twin.tables(), files, engine) : null;
    return new Result(files, report);
  }

  /** What {@link #run} wrote and how faithful it is. */
  public record Result(List<Written> files, FidelityReport report) {
    public Result {
      files = List.copyOf(files);
    }
  }
}
