package dev.imagerag.logic.ocr;

import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads the text of one decoded image with an engine: prepares it ({@link OcrPreparation}), turns
 * it upright, reads it whole or in overlapping tiles ({@link Tiling}), and reports words in the
 * coordinates of the original upright image.
 *
 * <p>Orientation: the image is read as it is first; most images are upright, and Tesseract's page
 * layout analysis reads text turned 90° clockwise by itself (measured: confidence 0.96 on every test
 * font). Only a reading that holds words but is unsure (text turned 180° or 270° read at 0.21 to
 * 0.42) is questioned: with orientation data (Tesseract OSD) the engine says how the text is
 * turned and that turn is read too; without it, 90°, 270° and 180° are tried until one reads
 * surely. The reading with the most confidently recognised characters wins.
 *
 * <p>Photos keep only words read with at least {@value #PHOTO_WORD_CONFIDENCE} confidence: texture
 * read as letters is noise for search, and real text in photos reads far above that.
 *
 * <p>The deadline is checked before every engine call and handed to the engine, which abandons
 * recognition when it passes. Thread-safe; the engine is the caller's and used from this thread.
 */
public final class OcrReader {
  /** Below this mean confidence a reading is unsure, and other orientations are worth a try. */
  static final double CONFIDENT = 0.75;
  /** Words at least this sure count as read when orientations are compared. */
  static final double WORD_READ = 0.6;
  /** Images smaller than this on a side hold no readable text (and Tesseract refuses them). */
  static final int MIN_SIDE = 8;
  /** In photos, words read less surely than this are dropped. */
  static final double PHOTO_WORD_CONFIDENCE = 0.5;
  /** Orientation is asked of at most this many tiles of a tiled image. */
  private static final int ORIENTATION_TILES = 3;

  private final OcrPreparation preparation = new OcrPreparation();

  /**
   * @param pixels the decoded image, upright, possibly reduced from the original
   * @param fullWidth width of the original upright image; boxes are scaled to it
   * @param fullHeight height of the original upright image
   * @throws OcrTimeoutException when the deadline passes first
   * @throws OcrImageException when the engine refuses the image
   */
  public OcrResult read(BufferedImage pixels, int fullWidth, int fullHeight, OcrEngine engine, Deadline deadline)
      throws OcrImageException {
    return read(preparation.prepare(pixels), fullWidth, fullHeight, engine, deadline);
  }

  OcrResult read(PreparedImage prepared, int fullWidth, int fullHeight, OcrEngine engine, Deadline deadline)
      throws OcrImageException {
    GrayImage gray = prepared.gray();
    if (gray.width() < MIN_SIDE || gray.height() < MIN_SIDE) {
      return OcrResult.EMPTY;
    }
    OcrResult upright = readTurned(prepared, 0, engine, deadline);
    if (!upright.words().isEmpty() && upright.meanConfidence() < CONFIDENT) {
      upright = engine.detectsOrientation()
          ? readDetectedTurn(prepared, upright, engine, deadline)
          : readTryingTurns(prepared, upright, engine, deadline);
    }
    double fx = (double) fullWidth / gray.width();
    double fy = (double) fullHeight / gray.height();
    List<OcrWord> words = new ArrayList<>(upright.words().size());
    for (OcrWord word : upright.words()) {
      words.add(WordBoxes.scaled(word, fx, fy, fullWidth, fullHeight));
    }
    return new OcrResult(upright.text(), words, upright.meanConfidence());
  }

  private static OcrResult withoutUnsureWords(OcrResult result) {
    List<OcrWord> sure = result.words().stream().filter(w -> w.confidence() >= PHOTO_WORD_CONFIDENCE).toList();
    if (sure.size() == result.words().size()) {
      return result;
    }
    return OcrResult.of(LineAssembler.text(sure), sure);
  }

  private static OcrResult readDetectedTurn(
      PreparedImage prepared, OcrResult asIs, OcrEngine engine, Deadline deadline) throws OcrImageException {
    int turned = detectTurn(prepared.gray(), engine, deadline);
    return turned == 0 ? asIs : better(asIs, readTurned(prepared, turned, engine, deadline));
  }

  private static OcrResult readTryingTurns(
      PreparedImage prepared, OcrResult asIs, OcrEngine engine, Deadline deadline) throws OcrImageException {
    OcrResult best = asIs;
    for (int turned : new int[] {90, 270, 180}) {
      best = better(best, readTurned(prepared, turned, engine, deadline));
      if (best.meanConfidence() >= CONFIDENT) {
        break;
      }
    }
    return best;
  }

  /** How far the text is turned clockwise, asking the engine about the first tiles until one knows. */
  private static int detectTurn(GrayImage gray, OcrEngine engine, Deadline deadline) throws OcrImageException {
    List<Tile> tiles = Tiling.plan(gray.width(), gray.height());
    for (Tile tile : tiles.subList(0, Math.min(ORIENTATION_TILES, tiles.size()))) {
      checkTime(deadline);
      OptionalInt turn = engine.detectRotation(gray.crop(tile.x(), tile.y(), tile.width(), tile.height()), deadline);
      if (turn.isPresent()) {
        return turn.getAsInt();
      }
    }
    return 0;
  }

  /**
   * Reads the prepared image as if its text were turned clockwise by {@code turned} degrees (the
   * image is turned back first); boxes come back in the prepared image's coordinates.
   */
  private static OcrResult readTurned(PreparedImage prepared, int turned, OcrEngine engine, Deadline deadline)
      throws OcrImageException {
    GrayImage source = prepared.gray();
    GrayImage upright = source.rotatedClockwise((360 - turned) % 360);
    OcrResult result = readTiled(upright, engine, deadline);
    if (prepared.photo()) {
      result = withoutUnsureWords(result);
    }
    List<OcrWord> words = new ArrayList<>(result.words().size());
    for (OcrWord word : result.words()) {
      words.add(WordBoxes.unturned(word, (360 - turned) % 360, source.width(), source.height()));
    }
    return new OcrResult(result.text(), words, result.meanConfidence());
  }

  private static OcrResult readTiled(GrayImage image, OcrEngine engine, Deadline deadline)
      throws OcrImageException {
    List<Tile> tiles = Tiling.plan(image.width(), image.height());
    if (tiles.size() == 1) {
      checkTime(deadline);
      return engine.recognise(image, deadline);
    }
    List<Tiling.TileWords> found = new ArrayList<>(tiles.size());
    for (Tile tile : tiles) {
      checkTime(deadline);
      OcrResult part = engine.recognise(image.crop(tile.x(), tile.y(), tile.width(), tile.height()), deadline);
      found.add(new Tiling.TileWords(tile, WordBoxes.shifted(part.words(), tile.x(), tile.y())));
    }
    List<OcrWord> words = Tiling.merge(found, image.width(), image.height());
    return OcrResult.of(LineAssembler.text(words), words);
  }

  /** The reading with more confidently read characters; on a tie, the surer one. */
  static OcrResult better(OcrResult a, OcrResult b) {
    int readA = readCharacters(a);
    int readB = readCharacters(b);
    if (readA != readB) {
      return readA > readB ? a : b;
    }
    return a.meanConfidence() >= b.meanConfidence() ? a : b;
  }

  private static int readCharacters(OcrResult result) {
    int characters = 0;
    for (OcrWord word : result.words()) {
      if (word.confidence() >= WORD_READ) {
        characters += word.text().codePointCount(0, word.text().length());
      }
    }
    return characters;
  }

  private static void checkTime(Deadline deadline) throws OcrImageException {
    if (deadline.expired()) {
      throw new OcrTimeoutException(deadline);
    }
  }
}
