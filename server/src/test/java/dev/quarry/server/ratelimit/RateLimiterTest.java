package dev.quarry.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.server.QuarryProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static QuarryProperties props(boolean enabled, long capacity, long perMinute) {
    return new QuarryProperties(Path.of("unused"), null, null, 2, null, null, null,
        new QuarryProperties.RateLimit(enabled, capacity, perMinute), null, null, null);
  }

  @Test
  void refusesPastCapacityAndCountsRefusals() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RateLimiter limiter = new RateLimiter(props(true, 2, 1), meters);
    assertThat(limiter.tryAcquire("a").remaining()).isEqualTo(1);
    assertThat(limiter.tryAcquire("a").remaining()).isZero();
    RateLimiter.Decision refused = limiter.tryAcquire("a");
    assertThat(refused.allowed()).isFalse();
    // One token a minute: the wait is up to a minute, rounded up to whole seconds.
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    assertThat(meters.get("quarry.ratelimit.rejected").counter().count()).isEqualTo(1);
  }

  @Test
  void keepsAtMostMaxUsersBucketsDroppingTheLeastRecentlyActive() {
    RateLimiter limiter = new RateLimiter(props(true, 1, 1), new SimpleMeterRegistry());
    assertThat(limiter.tryAcquire("first").allowed()).isTrue();
    assertThat(limiter.tryAcquire("first").allowed()).isFalse();
    for (int i = 0; i < RateLimiter.MAX_USERS; i++) {
      limiter.tryAcquire("user-" + i);
    }
    assertThat(limiter.trackedUsers()).isEqualTo(RateLimiter.MAX_USERS);
    // "first" was the least recently active, so its bucket was dropped and it starts afresh.
    assertThat(limiter.tryAcquire("first").allowed()).isTrue();
    assertThat(limiter.trackedUsers()).isEqualTo(RateLimiter.MAX_USERS);
  }

  @Test
  void rejectsNonsensicalSettingsUnlessDisabled() {
    assertThatThrownBy(() -> new RateLimiter(props(true, 0, 10), new SimpleMeterRegistry()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("capacity");
    assertThat(new RateLimiter(props(false, 0, 0), new SimpleMeterRegistry()).enabled()).isFalse();
  }
}
