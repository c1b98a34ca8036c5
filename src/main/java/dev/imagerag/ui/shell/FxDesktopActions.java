package dev.imagerag.ui.shell;

import dev.imagerag.ui.common.DesktopActions;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.HostServices;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** {@link DesktopActions} through JavaFX: the host's default applications and the system clipboard. */
public final class FxDesktopActions implements DesktopActions {
  private final HostServices host;

  public FxDesktopActions(HostServices host) {
    this.host = host;
  }

  @Override
  public void open(Path file) {
    host.showDocument(file.toUri().toString());
  }

  @Override
  public void showInFolder(Path file) {
    Path folder = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
    if (folder != null) {
      host.showDocument(folder.toUri().toString());
    }
  }

  @Override
  public void copyText(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }
}
