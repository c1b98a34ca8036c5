package dev.imagerag.infra.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors in the catalog are little-endian float32 blobs. */
final class VectorCodec {
  private VectorCodec() {}

  static byte[] encode(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  static float[] decode(byte[] blob) {
    if (blob.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("vector blob length " + blob.length + " is not a multiple of 4");
    }
    float[] vector = new float[blob.length / Float.BYTES];
    ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
