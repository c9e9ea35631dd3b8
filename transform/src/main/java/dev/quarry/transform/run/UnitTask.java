package dev.quarry.transform.run;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;

/**
 * One unit of work: one input file, or, for transforms that span files, the files of one folder in
 * order. Reads each file in batches, pushes them through a fresh chain of transforms, writes the
 * outputs atomically and, when checkpointing, records the unit as done after its outputs.
 */
final class UnitTask implements Task<UnitStats> {

  /** One transform of the chain as it travels to a worker: by name, with its shared state. */
  record StepRef(String name, Params params, Serializable shared) implements Serializable {}

  /** An input file and its path relative to the input folder. */
  record Input(Location location, String relPath) implements Serializable {}

  private final String unitKey;
  private final List<Input> inputs;
  private final Location outputRoot;
  private final List<StepRef> steps;
  private final boolean tables;
  private final boolean checkpointing;
  private final int batchRows;
  private final FileIO io;

  UnitTask(String unitKey, List<Input> inputs, Location outputRoot, List<StepRef> steps,
      boolean tables, boolean checkpointing, int batchRows, FileIO io) {
    this.unitKey = unitKey;
    this.inputs = List.copyOf(inputs);
    this.outputRoot = outputRoot;
    this.steps = List.copyOf(steps);
    this.tables = tables;
    this.checkpointing = checkpointing;
    this.batchRows = batchRows;
    this.io = io;
  }

  String unitKey() {
    return unitKey;
  }

  @Override
  public String describe() {
    return unitKey;
  }

  @Override
  public UnitStats run(TaskContext context) throws Exception {
    long started = System.nanoTime();
    UnitStats stats = new UnitStats();
    List<TableTransform> transforms = new ArrayList<>();
    Chain chain = new Chain(transforms, stats::addMetadata);
    OutputSink sink = new OutputSink(io, outputRoot, tables, stats);
    try {
      for (StepRef s : steps) {
        transforms.add(Transforms.get(s.name()).create(s.params(), s.shared()));
      }
      for (Input in : inputs) {
        if (context.isCancelled()) {
          sink.abort();
          return null;
        }
        InputFile file = io.newInputFile(in.location());
        ParquetTable table = ParquetTable.open(file);
        MessageType template = ParquetTableWriter.fileSchema(file);
        stats.sourceFiles++;
        stats.sourceSize += file.length();
        stats.sourceRows += table.rowCount();
        sink.startFile(in.relPath(), template);
        try (RecordReader reader = table.open()) {
          List<Object[]> rows = new ArrayList<>(Math.min(batchRows, 1 << 16));
          for (Object[] row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
            if (rows.size() == batchRows) {
              if (context.isCancelled()) {
                sink.abort();
                return null;
              }
              sink.accept(chain.push(new Batch(table.schema(), rows), in.relPath()));
              rows = new ArrayList<>(rows.size());
            }
          }
          if (!rows.isEmpty() || table.rowCount() == 0) {
            sink.accept(chain.push(new Batch(table.schema(), rows), in.relPath()));
          }
        }
        if (!tables) {
          sink.accept(chain.flush(in.relPath()));
          sink.endFile();
        }
      }
      if (tables) {
        sink.startFlush();
        sink.accept(chain.flush(inputs.get(inputs.size() - 1).relPath()));
        sink.finish();
      }
    } catch (Exception | Error e) {
      sink.abort();
      throw e;
    } finally {
      for (TableTransform t : transforms) {
        try {
          t.close();
        } catch (Exception ignored) {
          // the unit's outcome is already decided; a failing close must not change it
        }
      }
    }
    if (checkpointing) {
      Checkpoints.record(io, outputRoot, unitKey, sink.written());
    }
    stats.processingNanos += System.nanoTime() - started;
    return stats;
  }
}
