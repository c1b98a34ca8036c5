package dev.imagerag.infra.qdrant;

import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.store.ImagePayload;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QdrantPayloadTest {

  @Test
  void everyFolderAboveAPathIsAPrefixKey() {
    assertThat(QdrantPayload.pathPrefixes("/lib/photos/2023/beach.jpg"))
        .containsExactly("/", "/lib/", "/lib/photos/", "/lib/photos/2023/", "/lib/photos/2023/beach.jpg");
    assertThat(QdrantPayload.pathPrefixes("C:\\Users\\ann\\a.png"))
        .containsExactly("C:\\", "C:\\Users\\", "C:\\Users\\ann\\", "C:\\Users\\ann\\a.png");
  }

  @Test
  void aFilterPrefixIsAFolderOrAFile() {
    assertThat(QdrantPayload.prefixKeys("/lib/photos/")).containsExactly("/lib/photos/");
    assertThat(QdrantPayload.prefixKeys("/lib/photos")).containsExactly("/lib/photos/", "/lib/photos");
    assertThat(QdrantPayload.prefixKeys("D:\\pics")).containsExactly("D:\\pics\\", "D:\\pics");
  }

  @Test
  void aPayloadRoundTripsExactlyWithItsDerivedFields() {
    ImagePayload original = payload("/lib/Été/Über.JPG", "/copies/x.jpg").caption("a «quoted» caption")
        .ocr("TOTAL 12.50").tags("Beach", "beach", "Family").date("2023-06-01T10:15:30.123Z").size(4032, 3024)
        .bytes(5_000_000_000L).format("JPEG").build();

    Map<String, Value> encoded = QdrantPayload.encode(id(3), original, List.of("total", "12"));

    assertThat(QdrantPayload.decode(encoded)).isEqualTo(original);
    assertThat(QdrantPayload.imageId(encoded)).isEqualTo(id(3));
    assertThat(encoded.get(QdrantPayload.TAG_KEYS).getListValue().getValuesList())
        .extracting(Value::getStringValue).containsExactly("beach", "family");
    assertThat(encoded.get(QdrantPayload.FORMAT_KEY).getStringValue()).isEqualTo("jpeg");
    assertThat(encoded.get(QdrantPayload.HAS_TEXT).getBoolValue()).isTrue();
    assertThat(encoded.get(QdrantPayload.DATE).getStringValue()).isEqualTo("2023-06-01T10:15:30.123Z");
    assertThat(encoded.get(QdrantPayload.TERMS).getStringValue()).isEqualTo("total 12");
    assertThat(encoded.get(QdrantPayload.FILE_NAMES).getListValue().getValuesList())
        .extracting(Value::getStringValue).containsExactly("Über.JPG", "x.jpg");
  }
}
