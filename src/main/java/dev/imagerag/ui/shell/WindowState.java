package dev.imagerag.ui.shell;

import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs: size and place, the split positions, theme, thumbnail
 * size and the last view (order, mode, folder, which panes are open). Stored per user with
 * {@link Preferences}; a missing or unreadable value falls back to its default.
 */
public record WindowState(
    double x, double y, double width, double height, boolean maximized, double sideDivider, double chatDivider,
    String theme, int thumbnailSize, String sort, String mode, String folder, boolean sidePanel, boolean chatPane) {

  public static final WindowState DEFAULTS = new WindowState(
      Double.NaN, Double.NaN, 1280, 820, false, 0.18, 0.78, "light", 160, "DATE_NEWEST", "HYBRID", "", true, false);

  /** Reads the saved state from {@code node}. */
  public static WindowState load(Preferences node) {
    WindowState d = DEFAULTS;
    return new WindowState(
        node.getDouble("x", d.x), node.getDouble("y", d.y),
        clamp(node.getDouble("width", d.width), 640, 10_000), clamp(node.getDouble("height", d.height), 420, 10_000),
        node.getBoolean("maximized", d.maximized),
        clamp(node.getDouble("sideDivider", d.sideDivider), 0.05, 0.5),
        clamp(node.getDouble("chatDivider", d.chatDivider), 0.5, 0.95),
        node.get("theme", d.theme).toLowerCase(Locale.ROOT), (int) clamp(node.getInt("thumbnailSize", d.thumbnailSize), 96, 320),
        node.get("sort", d.sort), node.get("mode", d.mode), node.get("folder", d.folder),
        node.getBoolean("sidePanel", d.sidePanel), node.getBoolean("chatPane", d.chatPane));
  }

  /** Writes this state to {@code node} (flushed by the preferences system). */
  public void save(Preferences node) {
    if (!Double.isNaN(x)) {
      node.putDouble("x", x);
      node.putDouble("y", y);
    }
    node.putDouble("width", width);
    node.putDouble("height", height);
    node.putBoolean("maximized", maximized);
    node.putDouble("sideDivider", sideDivider);
    node.putDouble("chatDivider", chatDivider);
    node.put("theme", theme);
    node.putInt("thumbnailSize", thumbnailSize);
    node.put("sort", sort);
    node.put("mode", mode);
    node.put("folder", folder == null ? "" : folder);
    node.putBoolean("sidePanel", sidePanel);
    node.putBoolean("chatPane", chatPane);
    try {
      node.flush();
    } catch (java.util.prefs.BackingStoreException e) {
      // The window state is a convenience; losing it is not worth a message.
    }
  }

  private static double clamp(double value, double min, double max) {
    return Double.isNaN(value) ? min : Math.max(min, Math.min(max, value));
  }
}
