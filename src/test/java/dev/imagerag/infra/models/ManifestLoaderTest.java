package dev.imagerag.infra.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped manifests in models/, and what a bad manifest is told. */
class ManifestLoaderTest {
  private static final Path REPO_MODELS = Path.of("models");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyShippedManifestParsesAndOnlyTheDefaultIsMarked() {
    List<ModelManifest> manifests = ManifestLoader.inFolder(REPO_MODELS);

    assertThat(manifests).extracting(ModelManifest::id).containsExactly(
        "clip-vit-b32", "clip-vit-b32-int8", "siglip-base-224", "siglip-base-256-multilingual");
    assertThat(manifests).filteredOn(ModelManifest::isDefault).extracting(ModelManifest::id)
        .containsExactly("clip-vit-b32");
    assertThat(ManifestLoader.merge(manifests, List.of(), dir)).hasSize(4);
  }

  @Test
  void everyShippedFileIsPinnedExceptTheDocumentedMultilingualOne() {
    for (ModelManifest m : ManifestLoader.inFolder(REPO_MODELS)) {
      for (String required : List.of(ModelManifest.VISION_FILE, ModelManifest.TEXT_FILE, ModelManifest.TOKENIZER_FILE)) {
        assertThat(m.file(required)).as(m.id() + " " + required).isPresent();
      }
      boolean unpinned = m.id().equals("siglip-base-256-multilingual");
      for (ModelFile f : m.files()) {
        if (unpinned) {
          assertThat(f.sha256()).as(f.url()).isNull();
          assertThat(f.size()).isEqualTo(-1);
        } else {
          assertThat(f.sha256()).as(f.url()).matches("[0-9a-f]{64}");
          assertThat(f.size()).as(f.url()).isPositive();
        }
      }
      if (unpinned) {
        assertThat(m.description()).contains("NOT PINNED");
      }
    }
  }

  @Test
  void shippedUrlsPointAtTheRepositoryAndRevisionTheyDeclare() throws IOException {
    for (ModelManifest m : ManifestLoader.inFolder(REPO_MODELS)) {
      JsonNode raw = JSON.readTree(REPO_MODELS.resolve(m.id() + ".json").toFile());
      String prefix = "https://huggingface.co/" + raw.get("repository").asText() + "/resolve/" + m.revision() + "/";
      assertThat(m.files()).allSatisfy(f -> assertThat(f.url()).startsWith(prefix));
    }
  }

  @Test
  void theQuantizedClipSharesTheTokenizerAndPreprocessingOfClip() {
    ModelManifest clip = ManifestLoader.read(REPO_MODELS.resolve("clip-vit-b32.json"));
    ModelManifest int8 = ManifestLoader.read(REPO_MODELS.resolve("clip-vit-b32-int8.json"));

    assertThat(int8.file(ModelManifest.TOKENIZER_FILE)).isEqualTo(clip.file(ModelManifest.TOKENIZER_FILE));
    assertThat(int8.image()).usingRecursiveComparison().isEqualTo(clip.image());
    assertThat(int8.text()).isEqualTo(clip.text());
    assertThat(int8.revision()).isEqualTo(clip.revision());
    assertThat(int8.description()).contains("Same embedding space as clip-vit-b32");
  }

  @Test
  void theJarCarriesTheSameManifestsAsTheFolder() {
    assertThat(ManifestLoader.bundled()).extracting(ModelManifest::id)
        .containsExactlyElementsOf(ManifestLoader.inFolder(REPO_MODELS).stream().map(ModelManifest::id).toList());
  }

  static Stream<Arguments> badManifests() {
    return Stream.of(
        bad("files[1].sha256", m -> file(m, 1).put("sha256", "abc")),
        bad("files[0].sha256", m -> file(m, 0).remove("sha256")),
        bad("files[2].size", m -> file(m, 2).put("size", 0)),
        bad("files[0].url", m -> file(m, 0).put("url", "ftp://example.org/x")),
        bad("files[1].sha265", m -> file(m, 1).put("sha265", "x")),
        bad("files[2].name", m -> file(m, 2).put("name", ModelManifest.VISION_FILE)),
        bad("image.mean", m -> ((ObjectNode) m.get("image")).putArray("mean").add(0.5).add(0.5)),
        bad("image.std", m -> ((ObjectNode) m.get("image")).putArray("std").add(0.5).add(0).add(0.5)),
        bad("image.resize", m -> ((ObjectNode) m.get("image")).put("resize", "CROP")),
        bad("text.maxTokens", m -> ((ObjectNode) m.get("text")).put("maxTokens", "77")),
        bad("text.outputName", m -> ((ObjectNode) m.get("text")).remove("outputName")),
        bad("family", m -> m.put("family", "blip")),
        bad("dimension", m -> m.put("dimension", -512)),
        bad("default", m -> m.put("default", "yes")),
        bad("id", m -> m.put("id", "another-id")),
        bad("tokenizer.json", m -> ((ArrayNode) m.get("files")).remove(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badManifests")
  void aBadManifestIsRefusedNamingTheFileAndTheField(String field, Consumer<ObjectNode> damage) throws IOException {
    ObjectNode manifest = (ObjectNode) JSON.readTree(REPO_MODELS.resolve("clip-vit-b32.json").toFile());
    damage.accept(manifest);
    Path file = dir.resolve("clip-vit-b32.json");
    Files.write(file, JSON.writeValueAsBytes(manifest));

    assertThatThrownBy(() -> ManifestLoader.read(file))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(field);
  }

  @Test
  void brokenJsonIsRefusedWithItsLine() throws IOException {
    Path file = Files.writeString(dir.resolve("mine.json"), "{\n  \"id\": \"mine\",\n  oops\n}", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ManifestLoader.read(file))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3");
  }

  @Test
  void aUserManifestReplacesTheShippedOneAndMayBecomeTheDefault() throws IOException {
    ObjectNode mine = (ObjectNode) JSON.readTree(REPO_MODELS.resolve("siglip-base-224.json").toFile());
    mine.put("default", true).put("name", "My SigLIP mirror");
    Files.write(dir.resolve("siglip-base-224.json"), JSON.writeValueAsBytes(mine));

    List<ModelManifest> merged = ManifestLoader.merge(ManifestLoader.bundled(), ManifestLoader.inFolder(dir), dir);

    assertThat(merged).hasSize(4);
    assertThat(merged).filteredOn(ModelManifest::isDefault).singleElement()
        .satisfies(m -> assertThat(m.name()).isEqualTo("My SigLIP mirror"));
  }

  @Test
  void twoUserDefaultsAreRefused() throws IOException {
    for (String id : List.of("siglip-base-224", "clip-vit-b32-int8")) {
      ObjectNode mine = (ObjectNode) JSON.readTree(REPO_MODELS.resolve(id + ".json").toFile());
      Files.write(dir.resolve(id + ".json"), JSON.writeValueAsBytes(mine.put("default", true)));
    }

    assertThatThrownBy(() -> ManifestLoader.merge(ManifestLoader.bundled(), ManifestLoader.inFolder(dir), dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("clip-vit-b32-int8")
        .hasMessageContaining("siglip-base-224")
        .hasMessageContaining(dir.toString());
  }

  private static Arguments bad(String field, Consumer<ObjectNode> damage) {
    return Arguments.of(field, damage);
  }

  private static ObjectNode file(ObjectNode manifest, int index) {
    return (ObjectNode) manifest.get("files").get(index);
  }
}
