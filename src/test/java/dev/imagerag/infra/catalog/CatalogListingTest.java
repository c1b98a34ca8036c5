package dev.imagerag.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.logic.catalog.ImageSort;
import dev.imagerag.logic.catalog.ImageSummary;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.catalog.StageResult;
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

/** Browsing pages of the catalog: sort orders, folder scope, processing badges. */
class CatalogListingTest {
  @TempDir Path dir;
  private SqliteCatalog catalog;

  @BeforeEach
  void open() {
    catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private ImageId add(String path, long captured, long added) {
    ImageId id = ImageId.fromDigest(Sha256.of(path.getBytes(StandardCharsets.UTF_8)));
    catalog.recordImport(new ImageRecord(id, 10, 400, 300, ImageFormat.JPEG, Instant.ofEpochMilli(captured),
        Instant.ofEpochMilli(captured), Instant.ofEpochMilli(added)), new PathEntry(path, id, 10, 1),
        List.of("ocr", "index"), Map.of("thumbnail", "v1"));
    return id;
  }

  @Test
  void imagesCanBeListedByDateNameAndImportOrder() {
    ImageId b = add("/p/b.jpg", 2000, 30);
    ImageId a = add("/p/sub/A.jpg", 3000, 10);
    ImageId c = add("/q/c.jpg", 1000, 20);

    assertThat(catalog.listImages(ImageSort.DATE_NEWEST, null, 0, 10)).extracting(ImageSummary::id)
        .containsExactly(a, b, c);
    assertThat(catalog.listImages(ImageSort.DATE_OLDEST, null, 0, 10)).extracting(ImageSummary::id)
        .containsExactly(c, b, a);
    assertThat(catalog.listImages(ImageSort.NAME, null, 0, 10)).extracting(ImageSummary::fileName)
        .containsExactly("A.jpg", "b.jpg", "c.jpg");
    assertThat(catalog.listImages(ImageSort.ADDED, null, 0, 10)).extracting(ImageSummary::id)
        .containsExactly(b, c, a);
  }

  @Test
  void aFolderScopeAndPagesLimitTheList() {
    add("/p/b.jpg", 2000, 30);
    add("/p/sub/a.jpg", 3000, 10);
    add("/p2/x.jpg", 4000, 40);

    assertThat(catalog.listImages(ImageSort.DATE_NEWEST, "/p", 0, 10)).extracting(ImageSummary::path)
        .containsExactly("/p/sub/a.jpg", "/p/b.jpg");
    assertThat(catalog.listImages(ImageSort.DATE_NEWEST, null, 1, 1)).extracting(ImageSummary::path)
        .containsExactly("/p/sub/a.jpg");
  }

  @Test
  void eachImageCarriesItsUnfinishedAndFailedStageCounts() {
    ImageId id = add("/p/b.jpg", 2000, 30);
    catalog.claimPending("ocr", Set.of(), 10);
    catalog.finishStage("ocr", "v1", List.of(StageResult.failed(id, "boom")), Set.of());

    ImageSummary summary = catalog.listImages(ImageSort.NAME, null, 0, 10).get(0);

    assertThat(summary.unfinished()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.width()).isEqualTo(400);
    assertThat(summary.date()).isEqualTo(Instant.ofEpochMilli(2000));
  }

  @Test
  void anImageIsListedOnceUnderItsMostRecentPath() throws Exception {
    ImageId id = add("/p/first.jpg", 2000, 30);
    Thread.sleep(5);
    catalog.linkPath(new PathEntry("/p/second.jpg", id, 10, 1));

    assertThat(catalog.listImages(ImageSort.NAME, null, 0, 10)).singleElement()
        .satisfies(s -> assertThat(s.path()).isEqualTo("/p/second.jpg"));
  }
}
