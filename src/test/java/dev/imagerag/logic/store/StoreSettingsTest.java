package dev.imagerag.logic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  @Test
  void theDefaultIsTheEmbeddedIndex() {
    assertThat(StoreSettings.DEFAULTS.kind()).isEqualTo(StoreSettings.Kind.EMBEDDED);
    assertThat(StoreSettings.DEFAULTS.isQdrant()).isFalse();
    assertThat(StoreSettings.DEFAULTS.describe()).isEqualTo("embedded");
  }

  @Test
  void theUrlGivesHostPortAndTls() {
    StoreSettings plain = StoreSettings.qdrant("http://qdrant.lan");
    StoreSettings tls = StoreSettings.qdrant("https://x.cloud.qdrant.io:6334");
    StoreSettings bare = StoreSettings.qdrant("localhost:7000");

    assertThat(plain.host()).isEqualTo("qdrant.lan");
    assertThat(plain.port()).isEqualTo(6334);
    assertThat(plain.tls()).isFalse();
    assertThat(tls.tls()).isTrue();
    assertThat(tls.port()).isEqualTo(6334);
    assertThat(bare.port()).isEqualTo(7000);
    assertThat(bare.tls()).isFalse();
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> StoreSettings.qdrant("ftp://host")).hasMessageContaining("ftp://host");
    assertThatThrownBy(() -> StoreSettings.qdrant("http://host:6334/collections")).hasMessageContaining("path");
    assertThatThrownBy(() -> StoreSettings.DEFAULTS.withCollection("a/b")).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> StoreSettings.DEFAULTS.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> StoreSettings.Kind.fromId("lucene")).hasMessageContaining("embedded or qdrant");
  }

  @Test
  void optionsOverrideOnlyWhatTheyGive() {
    StoreSettings saved = StoreSettings.qdrant("http://a:6334").withCollection("lib").withApiKey("k");

    StoreSettings run = saved.withOverrides(null, "https://b:7000", " ", null);

    assertThat(run.url()).isEqualTo("https://b:7000");
    assertThat(run.collection()).isEqualTo("lib");
    assertThat(run.apiKey()).isEqualTo("k");
    assertThat(saved.withOverrides("embedded", null, null, null).kind()).isEqualTo(StoreSettings.Kind.EMBEDDED);
    assertThat(run.endpoint()).isEqualTo("https://b:7000");
  }

  @Test
  void theApiKeyIsMasked() {
    StoreSettings settings = StoreSettings.qdrant("https://h").withApiKey("  sk-secret  ");

    assertThat(settings.apiKey()).isEqualTo("sk-secret");
    assertThat(settings.toString()).doesNotContain("sk-secret").contains("apiKey=****");
    assertThat(settings.describe()).doesNotContain("sk-secret");
    assertThat(StoreSettings.qdrant("https://h").withApiKey(" ").apiKey()).isNull();
  }

  @Test
  void theDefaultCollectionNamesTheLibraryAndTellsLibrariesApart() {
    String a = StoreSettings.defaultCollection(Path.of("/home/ann/Image RAG"));
    String b = StoreSettings.defaultCollection(Path.of("/home/bob/Image RAG"));

    assertThat(a).matches("image-rag-image-rag-[0-9a-f]{8}").isNotEqualTo(b);
    assertThat(StoreSettings.DEFAULTS.withCollection("mine").collectionFor(Path.of("/x"))).isEqualTo("mine");
    assertThat(StoreSettings.DEFAULTS.collectionFor(Path.of("/home/ann/Image RAG"))).isEqualTo(a);
  }
}
