package dev.quarry.server.auth;

import dev.quarry.server.QuarryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin can log in: the first start creates the {@code admin} user and a key for it,
 * printed once on stdout, unless {@code QUARRY_ADMIN_KEY} supplies the key.
 */
@Component
@Order(0)
public class AdminBootstrap implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserStore users;
  private final QuarryProperties properties;

  public AdminBootstrap(UserStore users, QuarryProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    QuarryUser admin = users.findUserByName("admin").orElseGet(() -> users.createUser("admin", Role.ADMIN));
    String configured = properties.adminKey();
    if (configured != null && !configured.isBlank()) {
      if (!users.hasKeyHash(configured)) {
        users.addKey(admin.id(), configured, "QUARRY_ADMIN_KEY");
      }
      return;
    }
    if (users.liveKeyCount(admin.id()) == 0) {
      String key = ApiKeys.generate();
      users.addKey(admin.id(), key, "first start");
      // Printed once, to stdout and not to the logs, so it does not end up in log storage.
      System.out.println();
      System.out.println("Quarry admin API key (shown once, keep it): " + key);
      System.out.println();
      LOG.warn("created the admin API key (printed on stdout); set QUARRY_ADMIN_KEY to choose it");
    }
  }
}
