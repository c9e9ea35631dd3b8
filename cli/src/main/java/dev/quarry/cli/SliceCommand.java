package dev.quarry.cli;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.RecordStream;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.SliceJson;
import dev.quarry.slice.SliceIndex;
import dev.quarry.slice.Slicer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.ZipException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarry slice preprocess|partition|read}: index a big object once, cut it into slices
 * (a JSON file), read one slice's records as their original bytes.
 */
@Command(
    name = "slice",
    mixinStandardHelpOptions = true,
    description = {
      "Slice big objects for parallel reads: preprocess once (the index goes beside the object"
          + " or to --meta), partition into slices (JSON), read a slice with range requests.",
      "Formats: text, csv, tsv, jsonl, fasta, fastq, vcf, parquet; <format>.gz for gzip objects."
    },
    subcommands = {
      SliceCommand.Preprocess.class,
      SliceCommand.Partition.class,
      SliceCommand.Read.class
    })
final class SliceCommand {

  @Command(name = "preprocess", mixinStandardHelpOptions = true,
      description = "Scan an object once and write its slice index to the metadata location.")
  static final class Preprocess implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOCATION", description = "The object (path, s3://, http(s)://).")
    String location;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "text, csv, tsv, jsonl, fasta, fastq, vcf, parquet, or <format>.gz")
    String format;

    @Option(names = "--meta", paramLabel = "LOCATION",
        description = "Where the index goes (default: <object>.quarry-slice/ beside it).")
    String meta;

    @Option(names = "--force", description = "Redo the index even if a current one exists; replace a stale one.")
    boolean force;

    @Mixin EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--chunk-mb", paramLabel = "MB", defaultValue = "64",
        description = "Bytes per parallel scan task, in MiB (default: ${DEFAULT-VALUE}).")
    long chunkMb;

    @Override
    public Integer call() throws IOException {
      engineOptions.validate();
      if (chunkMb < 1) {
        throw new IllegalArgumentException("--chunk-mb must be at least 1");
      }
      FileIO io = FileIO.unrestricted();
      PreprocessOptions options =
          PreprocessOptions.defaults()
              .withMeta(meta == null ? null : Location.parse(meta))
              .withForce(force)
              .withChunkBytes(chunkMb << 20);
      Slicer.Preprocessed done;
      try (Engine engine = engineOptions.open()) {
        done = new Slicer(io, engine).preprocess(Location.parse(location), format, options);
      }
      SliceIndex index = done.index();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT, "%s %s as %s: %d records, %d bytes%s; index in %s%n",
          done.reused() ? "already preprocessed" : "preprocessed", index.object(), index.format(),
          index.records(), index.dataSize(),
          index.header().length > 0 ? ", header " + index.header().length + " bytes" : "",
          done.meta());
      out.flush();
      return 0;
    }
  }

  static final class Strategy {
    @Option(names = "--slices", paramLabel = "N", description = "About N slices of similar size.")
    Integer slices;

    @Option(names = "--slice-bytes", paramLabel = "BYTES",
        description = "Bytes per slice (uncompressed for gzip), e.g. 67108864, 64M, 1G.")
    String sliceBytes;

    @Option(names = "--records", paramLabel = "R",
        description = "Records per slice (FASTQ reads, FASTA sequences, VCF variants, rows).")
    Long records;

    @Option(names = "--row-groups", paramLabel = "G", description = "Parquet: row groups per slice.")
    Integer rowGroups;

    PartitionStrategy toStrategy() {
      if (slices != null) {
        return PartitionStrategy.slices(slices);
      }
      if (sliceBytes != null) {
        return PartitionStrategy.bytes(parseBytes(sliceBytes));
      }
      if (records != null) {
        return PartitionStrategy.records(records);
      }
      return PartitionStrategy.rowGroups(rowGroups);
    }
  }

  private static final java.util.regex.Pattern SIZE =
      java.util.regex.Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?");

  /** 123, 64K, 64M, 64MiB, 2G (binary multiples); an IllegalArgumentException otherwise. */
  static long parseBytes(String text) {
    java.util.regex.Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (m.matches()) {
      int shift = "KMGT".indexOf(m.group(2).isEmpty() ? "-" : m.group(2)) * 10 + 10;
      shift = m.group(2).isEmpty() ? 0 : shift;
      try {
        long value = Long.parseLong(m.group(1));
        if (value >= 1 && value <= (Long.MAX_VALUE >> shift)) {
          return value << shift;
        }
      } catch (NumberFormatException tooLong) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException("--slice-bytes: '" + text + "' is not a positive size like 64M");
  }

  @Command(name = "partition", mixinStandardHelpOptions = true,
      description = "Cut a preprocessed object into slices and write them as JSON.")
  static final class Partition implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOCATION", description = "The preprocessed object.")
    String location;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "As given to preprocess.")
    String format;

    @Option(names = "--meta", paramLabel = "LOCATION", description = "As given to preprocess.")
    String meta;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Strategy strategy;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "SLICES.json",
        description = "Where to write the slices (a path or s3://).")
    String out;

    @Override
    public Integer call() throws IOException {
      FileIO io = FileIO.unrestricted();
      List<Slice> slices =
          new Slicer(io)
              .partition(Location.parse(location), format, meta == null ? null : Location.parse(meta),
                  strategy.toStrategy());
      io.newOutputFile(Location.parse(out)).write(os -> SliceJson.writeSlices(slices, os));
      long records = slices.stream().mapToLong(Slice::records).sum();
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "%d slices, %d records: %s%n", slices.size(), records, out);
      w.flush();
      return 0;
    }
  }

  @Command(name = "read", mixinStandardHelpOptions = true,
      description = {
        "Write slice I's records to stdout as their original bytes.",
        "Decompressed for gzip objects; Parquet rows as JSON lines. The outputs of all slices, in"
            + " order, concatenate to the object's records; --header puts the object's header"
            + " (CSV header, VCF header) first."
      })
  static final class Read implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SLICES.json", description = "Written by 'quarry slice partition'.")
    String slicesFile;

    @Option(names = "--index", required = true, paramLabel = "I", description = "Which slice, from 0.")
    int index;

    @Option(names = "--header", description = "Write the object's header first.")
    boolean header;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    String out;

    @Override
    public Integer call() throws IOException {
      FileIO io = FileIO.unrestricted();
      Location source = Location.parse(slicesFile);
      List<Slice> slices;
      try (InputStream in = io.newInputFile(source).newStream()) {
        slices = SliceJson.readSlices(in, source.toString());
      }
      if (index < 0 || index >= slices.size()) {
        throw new IllegalArgumentException(
            "--index " + index + ": " + source + " has " + slices.size() + " slices (0 to "
                + (slices.size() - 1) + ")");
      }
      Slice slice = slices.get(index);
      if (out != null) {
        io.newOutputFile(Location.parse(out)).write(os -> copy(slice, io, os));
      } else {
        spec.commandLine().getOut().flush();
        PrintStream stdout = System.out;
        OutputStream os = new BufferedOutputStream(stdout, 1 << 16);
        copy(slice, io, os);
        os.flush();
      }
      return 0;
    }

    private void copy(Slice slice, FileIO io, OutputStream os) throws IOException {
      if (header) {
        os.write(slice.header());
      }
      try (RecordStream records = slice.open(io)) {
        byte[] record;
        while ((record = records.next()) != null) {
          os.write(record);
        }
      } catch (ZipException e) { // corrupt gzip data met while reading: the user's object
        throw new SliceException(e.getMessage(), e);
      }
    }
  }
}
