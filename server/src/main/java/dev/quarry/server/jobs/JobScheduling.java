package dev.quarry.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.quarry.server.QuarryProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * db-scheduler, wired by hand (its Boot starter does not resolve for this version): one task,
 * {@value #TASK}, whose instance id is the job id. The scheduler starts once the application is
 * ready (so the schema is migrated and every job type is registered) and stops before the beans it
 * uses are destroyed.
 */
@Configuration(proxyBeanMethods = false)
public class JobScheduling {

  public static final String TASK = "quarry-job";

  /**
   * Heartbeats an execution may miss before another instance takes it as dead and runs it again
   * (db-scheduler's default, set here so the number is ours). An execution is dead once its last
   * heartbeat is older than {@code heartbeat × 6}; every instance looks for dead executions when its
   * scheduler starts and then every {@code 2 × heartbeat}. With the default 5 s heartbeat a killed
   * instance's jobs run again 30 to 40 s after its last heartbeat, or as soon as an instance starts
   * if that is later.
   */
  static final int MISSED_HEARTBEATS = 6;

  @Bean
  OneTimeTask<String> quarryJobTask(JobRunner runner) {
    return Tasks.oneTime(TASK, String.class)
        .onFailure(runner::onFailure)
        // A dead instance's execution is run again: the job's outputs are overwritten in place.
        .onDeadExecutionRevive()
        .execute((instance, context) -> runner.execute(instance.getId()));
  }

  @Bean(destroyMethod = "") // stopped by SchedulerLifecycle, in the right order
  Scheduler scheduler(DataSource dataSource, OneTimeTask<String> quarryJobTask, QuarryProperties properties) {
    QuarryProperties.Jobs jobs = properties.jobs();
    return Scheduler.create(dataSource, quarryJobTask)
        .threads(jobs.threads())
        .pollingInterval(jobs.pollingInterval())
        .heartbeatInterval(jobs.heartbeat())
        .missedHeartbeatsLimit(MISSED_HEARTBEATS)
        .schedulerName(new SchedulerName.Fixed(instanceName()))
        .enableImmediateExecution()
        .alwaysPersistTimestampInUTC()
        .shutdownMaxWait(Duration.ofSeconds(30))
        .build();
  }

  @Bean
  SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, CancellationWatcher watcher) {
    return new SchedulerLifecycle(scheduler, watcher);
  }

  /** Host name plus a random suffix: several instances may run on one host (and in one JVM in tests). */
  private static String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "quarry";
    }
    String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    return name.length() > 100 ? name.substring(name.length() - 100) : name;
  }

  /** Starts the scheduler when the application is ready; on shutdown stops the running jobs first. */
  public static final class SchedulerLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLifecycle.class);

    private final Scheduler scheduler;
    private final CancellationWatcher watcher;
    private volatile boolean running;

    SchedulerLifecycle(Scheduler scheduler, CancellationWatcher watcher) {
      this.scheduler = scheduler;
      this.watcher = watcher;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void onReady() {
      if (!running) {
        scheduler.start();
        running = true;
        LOG.info("job scheduler started");
      }
    }

    @Override
    public void start() {
      // Started by onReady: starting at refresh would pick jobs before the application is ready.
    }

    @Override
    public synchronized void stop() {
      if (running) {
        running = false;
        // Running jobs notice the cancellation and go back to the queue; stop() waits for them.
        watcher.shutdown();
        scheduler.stop();
        LOG.info("job scheduler stopped");
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public boolean isAutoStartup() {
      return false;
    }
  }
}
