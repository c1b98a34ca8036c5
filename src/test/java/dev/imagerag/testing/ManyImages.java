package dev.imagerag.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Many small distinct images, alternating PNG and JPEG, spread over sub-folders of 100. */
public final class ManyImages {
  private ManyImages() {}

  public static List<Path> create(Path dir, int count) {
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path folder = dir.resolve(String.format("batch-%03d", i / 100));
      String name = String.format("img-%05d", i);
      files.add(i % 2 == 0
          ? TestImages.png(folder.resolve(name + ".png"), 64, 48, i)
          : TestImages.jpeg(folder.resolve(name + ".jpg"), 64, 48, i));
    }
    return files;
  }

  public static void main(String[] args) {
    create(Path.of(args[0]), Integer.parseInt(args[1]));
  }
}
