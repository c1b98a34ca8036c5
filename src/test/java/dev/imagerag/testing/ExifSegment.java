package dev.imagerag.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds a minimal big-endian EXIF APP1 segment: IFD0 with Orientation and an Exif sub-IFD. */
final class ExifSegment {
  private ExifSegment() {}

  static byte[] build(int orientation, String dateTimeOriginal) {
    boolean withDate = dateTimeOriginal != null;
    byte[] date = withDate ? (dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII) : new byte[0];
    ByteBuffer tiff = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
    tiff.put(new byte[] {'M', 'M', 0x00, 0x2A}).putInt(8);
    // IFD0 at offset 8
    int ifd0Entries = withDate ? 2 : 1;
    tiff.putShort((short) ifd0Entries);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    int ifd0End = 8 + 2 + ifd0Entries * 12 + 4;
    if (withDate) {
      tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(ifd0End); // ExifIFD pointer
    }
    tiff.putInt(0);
    if (withDate) {
      int subEnd = ifd0End + 2 + 12 + 4;
      tiff.putShort((short) 1);
      tiff.putShort((short) 0x9003).putShort((short) 2).putInt(date.length).putInt(subEnd); // DateTimeOriginal
      tiff.putInt(0);
      tiff.put(date);
    }
    int tiffLength = tiff.position();
    ByteBuffer segment = ByteBuffer.allocate(4 + 6 + tiffLength).order(ByteOrder.BIG_ENDIAN);
    segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiffLength));
    segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    segment.put(tiff.array(), 0, tiffLength);
    return segment.array();
  }
}
