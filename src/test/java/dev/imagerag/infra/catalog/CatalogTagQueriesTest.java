package dev.imagerag.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only queries the gallery's side panel and filters use: tag counts, tagged images, images with text. */
class CatalogTagQueriesTest {
  @TempDir Path dir;
  private SqliteCatalog catalog;
  private ImageId a;
  private ImageId b;
  private ImageId c;

  @BeforeEach
  void open() {
    catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    a = add("/p/a.jpg");
    b = add("/p/b.jpg");
    c = add("/p/c.jpg");
    catalog.putText(a, "tags", "clip", "Cat, screenshot");
    catalog.putText(a, "caption.tags", "llm", "cat, sofa");
    catalog.putText(b, "tags", "clip", "dog");
    catalog.putText(b, "ocr", "tesseract", "Error: connection refused");
    catalog.putText(c, "ocr", "tesseract", "   ");
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private ImageId add(String path) {
    ImageId id = ImageId.fromDigest(Sha256.of(path.getBytes(StandardCharsets.UTF_8)));
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    catalog.recordImport(new ImageRecord(id, 10, 10, 10, ImageFormat.JPEG, now, null, now),
        new PathEntry(path, id, 10, 0), List.of(), Map.of());
    return id;
  }

  @Test
  void tagCountsCountEachImageOncePerTagAcrossTagFields() {
    assertThat(catalog.tagCounts()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        Map.of("cat", 1L, "dog", 1L, "screenshot", 1L, "sofa", 1L)));
  }

  @Test
  void imagesTaggedIgnoresCase() {
    assertThat(catalog.imagesTagged(" CAT ")).containsExactly(a);
    assertThat(catalog.imagesTagged("sofa")).containsExactly(a);
    assertThat(catalog.imagesTagged("bird")).isEmpty();
  }

  @Test
  void imagesWithTextSkipBlankText() {
    assertThat(catalog.imagesWithText("ocr")).containsExactly(b);
  }

  @Test
  void theDefaultImplementationsAgreeWithTheSqlOnes() {
    Catalog plain = (Catalog) java.lang.reflect.Proxy.newProxyInstance(Catalog.class.getClassLoader(),
        new Class<?>[] {Catalog.class}, (proxy, method, args) -> {
          if (method.isDefault()) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
          }
          return method.invoke(catalog, args);
        });

    assertThat(plain.tagCounts()).isEqualTo(catalog.tagCounts());
    assertThat(plain.imagesTagged("cat")).isEqualTo(catalog.imagesTagged("cat"));
    assertThat(plain.imagesWithText("ocr")).isEqualTo(Set.of(b));
  }
}
