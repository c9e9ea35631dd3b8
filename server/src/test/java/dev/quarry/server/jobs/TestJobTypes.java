package dev.quarry.server.jobs;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;

/**
 * Job types for tests, registered by naming this class as a source of the application (it is not
 * a {@code @Configuration}, so component scanning never adds it to other contexts).
 */
public class TestJobTypes {

  /** Executions per job id, across every context in this JVM. */
  public static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
  /** Most executions running at the same time for one job id. */
  public static final Map<String, AtomicInteger> CONCURRENT = new ConcurrentHashMap<>();
  public static final Map<String, Integer> MAX_CONCURRENT = new ConcurrentHashMap<>();

  @Bean
  JobType flaky() {
    return new JobType() {
      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public JobOutcome run(Job job, JobContext context) throws Exception {
        if (job.attempts() < 3) {
          throw new IOException("transient trouble, attempt " + job.attempts());
        }
        return new JobOutcome("DONE", "{}");
      }
    };
  }

  @Bean
  JobType invalid() {
    return new JobType() {
      @Override
      public String name() {
        return "invalid";
      }

      @Override
      public JobOutcome run(Job job, JobContext context) throws Exception {
        throw new JobFailure("the input is wrong");
      }
    };
  }

  @Bean
  JobType looping() {
    return new JobType() {
      @Override
      public String name() {
        return "looping";
      }

      @Override
      public JobOutcome run(Job job, JobContext context) throws Exception {
        long i = 0;
        while (!context.cancellation().isCancelled()) {
          context.progress("LOOPING", ++i, 0);
          Thread.sleep(20);
        }
        return new JobOutcome("STOPPED", null);
      }
    };
  }

  /**
   * Runs until it is stopped on its first execution, fails for a transient reason on the next two,
   * and succeeds on the fourth.
   */
  @Bean
  JobType interruptible() {
    return new JobType() {
      @Override
      public String name() {
        return "interruptible";
      }

      @Override
      public JobOutcome run(Job job, JobContext context) throws Exception {
        int execution = EXECUTIONS.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        if (execution == 1) {
          long i = 0;
          while (!context.cancellation().isCancelled()) {
            context.progress("WAITING", ++i, 0);
            Thread.sleep(20);
          }
          return new JobOutcome("STOPPED", null);
        }
        if (execution <= 3) {
          throw new IOException("transient trouble, execution " + execution);
        }
        return new JobOutcome("DONE", "{}");
      }
    };
  }

  @Bean
  JobType counting() {
    return new JobType() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public JobOutcome run(Job job, JobContext context) throws Exception {
        EXECUTIONS.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        int now = CONCURRENT.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        MAX_CONCURRENT.merge(job.id(), now, Math::max);
        try {
          Thread.sleep(30);
        } finally {
          CONCURRENT.get(job.id()).decrementAndGet();
        }
        return new JobOutcome("DONE", null);
      }
    };
  }
}
