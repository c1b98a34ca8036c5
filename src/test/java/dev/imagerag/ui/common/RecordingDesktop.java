package dev.imagerag.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link DesktopActions} that remembers what it was asked. */
public final class RecordingDesktop implements DesktopActions {
  public final List<Path> opened = new ArrayList<>();
  public final List<Path> shown = new ArrayList<>();
  public final List<String> copied = new ArrayList<>();

  @Override
  public void open(Path file) {
    opened.add(file);
  }

  @Override
  public void showInFolder(Path file) {
    shown.add(file);
  }

  @Override
  public void copyText(String text) {
    copied.add(text);
  }
}
