package dev.quarry.core.formats.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * parquet-java's writer builder for a {@link WriteSupport} made beforehand: the builder API asks
 * for a subclass that hands the support over, whatever the configuration.
 */
public final class WriteSupportBuilder<T> extends ParquetWriter.Builder<T, WriteSupportBuilder<T>> {

  private final WriteSupport<T> support;

  public WriteSupportBuilder(OutputFile file, WriteSupport<T> support) {
    super(file);
    this.support = support;
  }

  @Override
  protected WriteSupportBuilder<T> self() {
    return this;
  }

  @Override
  protected WriteSupport<T> getWriteSupport(Configuration conf) {
    return support;
  }

  @Override
  protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
    return support;
  }
}
