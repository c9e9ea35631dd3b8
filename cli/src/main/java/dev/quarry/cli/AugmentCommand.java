package dev.quarry.cli;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.search.Augmenter;
import dev.quarry.search.ColumnPair;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.SchemaMatcher;
import dev.quarry.search.TableOutput;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarry augment DATA --with OTHER}: executes a join (many-to-one matches aggregated) or a
 * union found by {@code quarry search}, writing CSV or Parquet.
 */
@Command(
    name = "augment",
    mixinStandardHelpOptions = true,
    description = {
      "Join a dataset with another on a key (matches aggregated per key), or union the two.",
      "Writes CSV (default) or Parquet to a file (atomically) or stdout."
    })
final class AugmentCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA", description = "The dataset to augment (every row kept).")
  String data;

  @Option(names = "--with", required = true, paramLabel = "OTHER", description = "The dataset to join or union with.")
  String with;

  @Option(names = "--on", paramLabel = "LEFT=RIGHT", description = "Join on these columns (LEFT of DATA, RIGHT of OTHER).")
  String on;

  @Option(names = "--agg", defaultValue = "first",
      description = "Many-to-one matches: first, mean, sum, min, max or count. Default: ${DEFAULT-VALUE}.")
  String aggregation;

  @Option(names = "--union", description = "Append OTHER's rows in DATA's columns (matched by name unless --map).")
  boolean union;

  @Option(names = "--map", paramLabel = "LEFT=RIGHT", description = "Union: which OTHER column fills a DATA column.")
  Map<String, String> map = new LinkedHashMap<>();

  @Option(names = {"-f", "--format"}, defaultValue = "csv", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here (local path or s3://) instead of stdout.")
  String out;

  @Override
  public Integer call() throws Exception {
    TableOutput.Kind kind = TableOutput.Kind.parse(format);
    Augmenter.Aggregation agg = Augmenter.Aggregation.parse(aggregation);
    FileIO io = FileIO.unrestricted();
    Augmenter augmenter = new Augmenter(io);
    if (!union && on == null) {
      throw new IllegalArgumentException("--on LEFT=RIGHT is required for a join (or give --union)");
    }
    Map<String, String> pairs = new LinkedHashMap<>(map);
    if (union && pairs.isEmpty()) {
      DatasetEntry left = SearchCommand.profile(data, "left", null);
      DatasetEntry right = SearchCommand.profile(with, "right", null);
      List<ColumnPair> matched = SchemaMatcher.match(left.columns(), right.columns());
      matched.forEach(p -> pairs.put(p.queryColumn(), p.column()));
      if (pairs.isEmpty()) {
        throw new IllegalArgumentException(with + ": no column matches one of " + data + "; give --map");
      }
    }
    String[] keys = on == null ? null : on.split("=", 2);
    if (keys != null && (keys.length != 2 || keys[0].isBlank() || keys[1].isBlank())) {
      throw new IllegalArgumentException("--on '" + on + "': expected LEFT=RIGHT");
    }
    Augmenter.Result[] result = new Augmenter.Result[1];
    Augmentation work = os -> result[0] = union
        ? augmenter.union(data, with, pairs, kind, os)
        : augmenter.join(data, keys[0], with, keys[1], agg, kind, os);
    if (out == null) {
      OutputStream stdout = new java.io.FilterOutputStream(System.out) {
        @Override
        public void close() {
          // stdout stays open
        }
      };
      work.run(stdout);
      stdout.flush();
    } else {
      io.newOutputFile(Location.parse(out)).write(work::run);
      PrintWriter err = spec.commandLine().getErr();
      err.println("wrote " + out + ": " + result[0].rows() + " rows, " + result[0].matched()
          + (union ? " from " + with : " matched"));
    }
    return 0;
  }

  private interface Augmentation {
    void run(OutputStream os) throws java.io.IOException;
  }
}
