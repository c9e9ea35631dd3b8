package dev.quarry.server.catalog;

import dev.quarry.search.LuceneSearchIndex;
import dev.quarry.search.SearchIndex;
import dev.quarry.server.QuarryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The service's search index: an embedded Lucene index under {@code $QUARRY_HOME/index}. One per
 * instance; instances sharing a database each keep their own (see docs/search.md).
 */
@Component
public class CatalogIndex implements DisposableBean {

  private final LuceneSearchIndex index;

  public CatalogIndex(QuarryProperties properties) {
    Path folder = properties.home().resolve("index").toAbsolutePath().normalize();
    try {
      Files.createDirectories(folder);
      this.index = LuceneSearchIndex.open(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("the search index at " + folder + " cannot be opened", e);
    }
  }

  public SearchIndex index() {
    return index;
  }

  @Override
  public void destroy() throws IOException {
    index.close();
  }
}
