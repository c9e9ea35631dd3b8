package dev.quarry.server.transform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Transform meters, through the service's registry (so {@code /actuator/prometheus} shows them):
 * files processed and failed, rows read and written, bytes written, and jobs by final status, each
 * tagged with the pipeline's name ({@code filter}, {@code ededup+doc_id}, ...).
 */
@Component
public class TransformMetrics {

  private final MeterRegistry registry;

  public TransformMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void files(String pipeline, String outcome, long count) {
    if (count > 0) {
      Counter.builder("quarry.transform.files").description("input files (units of work) processed")
          .tag("pipeline", pipeline).tag("outcome", outcome).register(registry).increment(count);
    }
  }

  void rows(String pipeline, long in, long out) {
    Counter.builder("quarry.transform.rows.in").tag("pipeline", pipeline).register(registry).increment(in);
    Counter.builder("quarry.transform.rows.out").tag("pipeline", pipeline).register(registry).increment(out);
  }

  void bytesWritten(String pipeline, long bytes) {
    Counter.builder("quarry.transform.bytes.written").tag("pipeline", pipeline).register(registry).increment(bytes);
  }

  void job(String pipeline, String status) {
    Counter.builder("quarry.transform.jobs").description("transform jobs by final status")
        .tag("pipeline", pipeline).tag("status", status).register(registry).increment();
  }
}
