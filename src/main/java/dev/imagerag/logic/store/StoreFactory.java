package dev.imagerag.logic.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the {@link VectorStore} that {@link StoreSettings} describe for the library in
 * {@code libraryRoot} (its embedded index folder, or the collection
 * {@link StoreSettings#collectionFor(Path)}), for reading and writing. The application implements
 * it by wiring the adapters; the migration uses it to open a target beside the library's current
 * store.
 */
@FunctionalInterface
public interface StoreFactory {

  /**
   * @param dimensions per vector name, the dimension of the configured model when known; a remote
   *     store creates its collection with them (names left out are learnt from the first vectors)
   * @throws StoreException when the store cannot be opened
   */
  VectorStore open(StoreSettings settings, Path libraryRoot, Map<String, Integer> dimensions);

  /**
   * The store settings saved for the library in {@code libraryRoot} (its settings file), with the
   * environment's API key when the settings hold none; the defaults when it has none.
   */
  default StoreSettings configured(Path libraryRoot) {
    return StoreSettings.DEFAULTS;
  }
}
