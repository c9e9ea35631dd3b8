package dev.quarry.server.ratelimit;

import dev.quarry.server.QuarryProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * One token bucket per user: {@code quarry.rate-limit.capacity} requests at once, refilled
 * continuously at {@code per-minute}. Buckets live in this instance's memory, so with several
 * instances behind a load balancer a user gets the limit on each of them; that keeps every request
 * free of a shared-store round trip, and a distributed Bucket4j backend can replace the map if
 * exact global limits are ever needed.
 *
 * <p>Memory is bounded: the {@value #MAX_USERS} most recently active users keep their buckets, and
 * the least recently active one is dropped to make room. A dropped user starts again with a full
 * bucket, which only matters if that many other users were active since their last request.
 */
@Component
public class RateLimiter {

  static final int MAX_USERS = 10_000;

  /** The result of asking for one request's worth of tokens. */
  public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {}

  private final QuarryProperties.RateLimit config;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_USERS;
    }
  };
  private final Counter rejected;

  public RateLimiter(QuarryProperties properties, MeterRegistry meters) {
    this.config = properties.rateLimit();
    if (config.enabled() && (config.capacity() <= 0 || config.perMinute() <= 0)) {
      throw new IllegalStateException("quarry.rate-limit.capacity and per-minute must be positive, got "
          + config.capacity() + " and " + config.perMinute());
    }
    // No user tag: one time series per user would grow without bound.
    this.rejected = Counter.builder("quarry.ratelimit.rejected")
        .description("requests refused with 429 because the user's bucket was empty").register(meters);
    Gauge.builder("quarry.ratelimit.tracked.users", this, RateLimiter::trackedUsers)
        .description("users with a rate-limit bucket in this instance's memory").register(meters);
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** Takes one token from the user's bucket if there is one. */
  public Decision tryAcquire(String userId) {
    ConsumptionProbe probe = bucket(userId).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Decision(true, config.capacity(), probe.getRemainingTokens(), 0);
    }
    rejected.increment();
    // Rounded up, so a client that waits exactly this long finds a token.
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    return new Decision(false, config.capacity(), 0, seconds);
  }

  int trackedUsers() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private Bucket bucket(String userId) {
    // The lock covers only the map lookup; buckets themselves are thread-safe and lock-free.
    synchronized (buckets) {
      return buckets.computeIfAbsent(userId, id -> Bucket.builder()
          .addLimit(Bandwidth.builder()
              .capacity(config.capacity())
              .refillGreedy(config.perMinute(), Duration.ofMinutes(1))
              .build())
          .build());
    }
  }
}
