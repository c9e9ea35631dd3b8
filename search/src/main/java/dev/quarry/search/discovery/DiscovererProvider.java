package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The plugin contract: a kind of discoverer, found with {@link ServiceLoader} (list the class in
 * {@code META-INF/services/dev.quarry.search.discovery.DiscovererProvider}). The service configures
 * instances with settings and schedules them.
 */
public interface DiscovererProvider {

  /** The name a configuration uses ({@code folder}, {@code ckan}, ...). */
  String type();

  /**
   * A discoverer for these settings; throws {@link IllegalArgumentException} naming a missing or bad
   * setting.
   *
   * @param io what every read goes through (its allow-list applies to portals and files alike)
   */
  Discoverer create(Map<String, String> settings, FileIO io);
}
