package dev.imagerag.infra.qdrant;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.VectorNames;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.Vectors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Images as Qdrant points and back. A point's id is {@link ImageId#toUuid()}: a name-based UUID
 * of the image's SHA-256, the same on every machine, so importing an image again replaces its point
 * instead of adding one. The UUID cannot be turned back into the hash, so the payload keeps it too.
 */
final class QdrantPoints {
  private QdrantPoints() {}

  static PointId id(ImageId id) {
    return PointId.newBuilder().setUuid(id.toUuid().toString()).build();
  }

  /** @param unitVectors the image's vectors, already normalised */
  static PointStruct point(IndexedImage image, Map<String, float[]> unitVectors, KeywordVectors.Terms terms) {
    NamedVectors.Builder vectors = NamedVectors.newBuilder();
    unitVectors.forEach((name, vector) -> vectors.putVectors(name, dense(vector)));
    if (!terms.isEmpty()) {
      vectors.putVectors(KeywordVectors.NAME, Vector.newBuilder().setSparse(sparse(terms)).build());
    }
    return PointStruct.newBuilder()
        .setId(id(image.id()))
        .setVectors(Vectors.newBuilder().setVectors(vectors))
        .putAllPayload(QdrantPayload.encode(image.id(), image.payload(), terms.distinct()))
        .build();
  }

  static Vector dense(float[] vector) {
    return Vector.newBuilder().setDense(denseData(vector)).build();
  }

  static DenseVector denseData(float[] vector) {
    DenseVector.Builder dense = DenseVector.newBuilder();
    for (float v : vector) {
      dense.addData(v);
    }
    return dense.build();
  }

  static SparseVector sparse(KeywordVectors.Terms terms) {
    SparseVector.Builder sparse = SparseVector.newBuilder();
    for (int i = 0; i < terms.indices().length; i++) {
      sparse.addIndices(terms.indices()[i]);
      sparse.addValues(terms.weights()[i]);
    }
    return sparse.build();
  }

  /** The image a point holds: its payload and whichever named dense vectors it has. */
  static IndexedImage image(RetrievedPoint point) {
    Map<String, float[]> vectors = new TreeMap<>();
    Map<String, VectorOutput> named = point.getVectors().getVectors().getVectorsMap();
    for (String name : List.of(VectorNames.VISUAL, VectorNames.TEXTUAL)) {
      DenseVector dense = VectorOutputHelper.getDenseVector(named.get(name));
      if (dense != null && dense.getDataCount() > 0) {
        float[] values = new float[dense.getDataCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = dense.getData(i);
        }
        vectors.put(name, values);
      }
    }
    Map<String, io.qdrant.client.grpc.JsonWithInt.Value> payload = point.getPayloadMap();
    return new IndexedImage(QdrantPayload.imageId(payload), QdrantPayload.decode(payload), vectors);
  }
}
