package dev.imagerag.logic.settings;

/**
 * Loads and saves a library's settings. The file is readable by its owner only, because later
 * features keep secrets (API keys) in it.
 */
public interface SettingsStore {

  /**
   * The saved settings, or the defaults when nothing is saved.
   *
   * @throws dev.imagerag.domain.ImageRagException naming the setting and the file when a value
   *     is invalid
   */
  Settings load();

  void save(Settings settings);
}
