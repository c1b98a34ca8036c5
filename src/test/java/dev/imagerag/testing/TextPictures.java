package dev.imagerag.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Images with known text for OCR tests, and where each word was drawn (its ink box, from the glyph
 * outlines). Fonts are Java's logical fonts (SansSerif, Serif, Monospaced: DejaVu on Debian), drawn
 * with grayscale antialiasing like a screenshot.
 */
public final class TextPictures {
  private TextPictures() {}

  /** A drawn word and the box its ink covers, in pixels of the image. */
  public record DrawnWord(String text, Rectangle box) {}

  /** An image, the text drawn on it (lines separated by '\n') and every word's box. */
  public record Picture(BufferedImage image, String text, List<DrawnWord> words) {}

  /** How to draw the text: font, colours, where the first line starts, how far apart lines are. */
  public record Style(Font font, Color ink, Color paper, int left, int top, double lineSpacing) {
    public static Style plain(String family, int size) {
      return new Style(new Font(family, Font.PLAIN, size), Color.BLACK, Color.WHITE, 20, 20, 1.5);
    }

    public Style withTop(int newTop) {
      return new Style(font, ink, paper, left, newTop, lineSpacing);
    }

    public Style colours(Color newInk, Color newPaper) {
      return new Style(font, newInk, newPaper, left, top, lineSpacing);
    }
  }

  /** Lines of text on a flat background, starting at the style's top-left corner. */
  public static Picture page(int width, int height, Style style, List<String> lines) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(style.paper());
      g.fillRect(0, 0, width, height);
      List<DrawnWord> words = new ArrayList<>();
      int ascent = g.getFontMetrics(style.font()).getAscent();
      for (int i = 0; i < lines.size(); i++) {
        int baseline = style.top() + ascent + (int) Math.round(i * style.font().getSize() * style.lineSpacing());
        words.addAll(draw(g, style.font(), style.ink(), lines.get(i), style.left(), baseline));
      }
      return new Picture(image, String.join("\n", lines), words);
    } finally {
      g.dispose();
    }
  }

  /** Text placed at given baselines: {@code texts[i]} at ({@code xs[i]}, {@code baselines[i]}). */
  public static Picture scattered(int width, int height, Font font, String[] texts, int[] xs, int[] baselines) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      List<DrawnWord> words = new ArrayList<>();
      for (int i = 0; i < texts.length; i++) {
        words.addAll(draw(g, font, Color.BLACK, texts[i], xs[i], baselines[i]));
      }
      return new Picture(image, String.join("\n", texts), words);
    } finally {
      g.dispose();
    }
  }

  /**
   * Dark text drawn over a photo-like background: a colour gradient, soft blobs and per-pixel
   * Gaussian noise with a standard deviation of {@code noise / 2} levels (the same for all three
   * channels), the kind of picture where text is sparse.
   */
  public static Picture onPhoto(int width, int height, Font font, List<String> lines, int noise, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setPaint(new GradientPaint(0, 0, new Color(215, 195, 170), width, height, new Color(140, 170, 205)));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 5; i++) {
        g.setColor(new Color(120 + random.nextInt(120), 120 + random.nextInt(120), 120 + random.nextInt(120), 90));
        g.fillOval(random.nextInt(width), random.nextInt(height), width / 4 + random.nextInt(width / 3),
            height / 4 + random.nextInt(height / 3));
      }
      List<DrawnWord> words = new ArrayList<>();
      int ascent = g.getFontMetrics(font).getAscent();
      for (int i = 0; i < lines.size(); i++) {
        words.addAll(draw(g, font, new Color(25, 20, 30), lines.get(i), width / 10,
            height / 4 + ascent + (int) (i * font.getSize() * 1.6)));
      }
      addNoise(image, noise, random);
      return new Picture(image, String.join("\n", lines), words);
    } finally {
      g.dispose();
    }
  }

  /** The picture turned clockwise by 90, 180 or 270 degrees, with the word boxes turned along. */
  public static Picture turned(Picture picture, int degrees) {
    BufferedImage source = picture.image();
    int w = source.getWidth();
    int h = source.getHeight();
    boolean swap = degrees % 180 != 0;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = source.getRGB(x, y);
        switch (degrees) {
          case 90 -> out.setRGB(h - 1 - y, x, rgb);
          case 180 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
          case 270 -> out.setRGB(y, w - 1 - x, rgb);
          default -> throw new IllegalArgumentException("degrees must be 90, 180 or 270, got " + degrees);
        }
      }
    }
    List<DrawnWord> words = new ArrayList<>();
    for (DrawnWord word : picture.words()) {
      Rectangle b = word.box();
      Rectangle r = switch (degrees) {
        case 90 -> new Rectangle(h - b.y - b.height, b.x, b.height, b.width);
        case 180 -> new Rectangle(w - b.x - b.width, h - b.y - b.height, b.width, b.height);
        default -> new Rectangle(b.y, w - b.x - b.width, b.height, b.width);
      };
      words.add(new DrawnWord(word.text(), r));
    }
    return new Picture(out, picture.text(), words);
  }

  private static List<DrawnWord> draw(Graphics2D g, Font font, Color ink, String line, int x, int baseline) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setFont(font);
    g.setColor(ink);
    g.drawString(line, x, baseline);
    FontRenderContext frc = g.getFontRenderContext();
    List<DrawnWord> words = new ArrayList<>();
    int start = 0;
    for (String word : line.split(" ")) {
      int at = line.indexOf(word, start);
      start = at + word.length();
      if (word.isEmpty()) {
        continue;
      }
      float offset = (float) font.getStringBounds(line.substring(0, at), frc).getWidth();
      Rectangle box = font.createGlyphVector(frc, word).getPixelBounds(frc, x + offset, baseline);
      words.add(new DrawnWord(word, box));
    }
    return words;
  }

  private static void addNoise(BufferedImage image, int noise, Random random) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int delta = (int) Math.round(random.nextGaussian() * noise / 2.0);
        int r = clamp((rgb >> 16 & 0xFF) + delta);
        int gr = clamp((rgb >> 8 & 0xFF) + delta);
        int b = clamp((rgb & 0xFF) + delta);
        image.setRGB(x, y, r << 16 | gr << 8 | b);
      }
    }
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
