package dev.quarry.spark.source;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("quarry").option("format", "fastq").load("s3://bucket/reads.fastq.gz")}:
 * big objects read in parallel, one Spark input partition per Quarry slice, each fetching only its
 * byte ranges. Options: {@code format} (a slice format: text, csv, tsv, jsonl, fasta, fastq, vcf,
 * parquet, and {@code <format>.gz}), {@code meta} (where the slice index is; default beside the
 * object), one of {@code slices}, {@code sliceBytes} (default 128 MiB) or {@code records}, {@code
 * preprocess} ({@code auto}, the default, indexes an object that has no index yet, as a Spark job;
 * {@code never} fails instead), and {@code s3.endpoint}/{@code s3.region}/{@code s3.accessKey}/
 * {@code s3.secretKey}/{@code s3.pathStyle} for S3-compatible stores.
 */
public final class QuarrySource implements TableProvider, DataSourceRegister {

  @Override
  public String shortName() {
    return "quarry";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SliceOptions.parse(options).plan().shape().schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new SliceTable(SliceOptions.parse(new CaseInsensitiveStringMap(properties)), schema);
  }
}
