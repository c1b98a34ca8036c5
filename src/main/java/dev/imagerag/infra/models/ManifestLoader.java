package dev.imagerag.infra.models;

import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds manifests: the ones shipped in the application ({@code models/*.json} on the classpath,
 * packaged from the repository's {@code models/} folder) and the user's own ({@code *.json} in the
 * models folder root). A manifest's file name is its id: {@code <id>.json}.
 */
public final class ManifestLoader {
  static final String RESOURCE_FOLDER = "models/";
  private static final String SUFFIX = ".json";

  private ManifestLoader() {}

  /**
   * The manifests shipped with the application, sorted by id.
   *
   * @throws ModelException when one is invalid (a build mistake; the tests catch it)
   */
  public static List<ModelManifest> bundled() {
    List<ModelManifest> manifests = new ArrayList<>();
    for (String resource : bundledResourceNames()) {
      try (InputStream in = ManifestLoader.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ModelException("The application's model manifest " + resource + " cannot be read.");
        }
        manifests.add(ManifestParser.parse(in.readAllBytes(), "classpath:" + resource, idOf(resource)));
      } catch (IOException e) {
        throw new ModelException("The application's model manifest " + resource + " cannot be read: " + e.getMessage(), e);
      }
    }
    manifests.sort(Comparator.comparing(ModelManifest::id));
    return manifests;
  }

  /**
   * The {@code *.json} manifests directly in {@code folder} (not in its sub-folders), sorted by id;
   * empty when the folder does not exist.
   *
   * @throws ModelException naming the file and field of the first invalid one
   */
  public static List<ModelManifest> inFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new ModelException("Could not list the models folder " + folder + ": " + e.getMessage(), e);
    }
    List<ModelManifest> manifests = new ArrayList<>();
    for (Path file : files) {
      manifests.add(read(file));
    }
    manifests.sort(Comparator.comparing(ModelManifest::id));
    return manifests;
  }

  /** Reads one manifest file; its name must be {@code <id>.json}. */
  public static ModelManifest read(Path file) {
    try {
      return ManifestParser.parse(Files.readAllBytes(file), file.toString(), idOf(file.getFileName().toString()));
    } catch (NoSuchFileException e) {
      throw new ModelException("The model manifest " + file + " does not exist.", e);
    } catch (IOException e) {
      throw new ModelException("Could not read the model manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Shipped manifests overlaid with the user's: a user manifest replaces a shipped one with the same
   * id, and a user manifest marked default becomes the only default.
   *
   * @throws ModelException when the result has no default, or when two user manifests claim it
   */
  static List<ModelManifest> merge(List<ModelManifest> bundled, List<ModelManifest> user, Path userFolder) {
    Map<String, ModelManifest> byId = new LinkedHashMap<>();
    bundled.forEach(m -> byId.put(m.id(), m));
    List<String> userDefaults = user.stream().filter(ModelManifest::isDefault).map(ModelManifest::id).toList();
    if (userDefaults.size() > 1) {
      throw new ModelException("Only one model can be the default, but " + String.join(" and ", userDefaults)
          + " in " + userFolder + " both say \"default\": true. Remove it from all but one.");
    }
    if (!userDefaults.isEmpty()) {
      byId.replaceAll((id, m) -> m.isDefault() ? withoutDefault(m) : m);
    }
    user.forEach(m -> byId.put(m.id(), m));
    List<ModelManifest> merged = new ArrayList<>(byId.values());
    merged.sort(Comparator.comparing(ModelManifest::id));
    List<String> defaults = merged.stream().filter(ModelManifest::isDefault).map(ModelManifest::id).toList();
    if (!merged.isEmpty() && defaults.size() != 1) {
      throw new ModelException("Exactly one model manifest must say \"default\": true, but "
          + (defaults.isEmpty() ? "none does" : String.join(" and ", defaults) + " do")
          + " (manifests in " + userFolder + " replace the shipped ones with the same id).");
    }
    return merged;
  }

  private static ModelManifest withoutDefault(ModelManifest m) {
    return new ModelManifest(m.id(), m.name(), m.family(), m.dimension(), m.revision(), m.image(), m.text(),
        m.files(), m.license(), m.description(), false);
  }

  static String idOf(String fileName) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1);
    return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
  }

  /**
   * Class loaders cannot list a folder, so look where this class was loaded from: the
   * {@code classes} folder when run from the build, the jar otherwise.
   */
  private static List<String> bundledResourceNames() {
    CodeSource codeSource = ManifestLoader.class.getProtectionDomain().getCodeSource();
    if (codeSource == null) {
      throw new ModelException("Cannot find where the application is installed to list its model manifests.");
    }
    try {
      Path location = Path.of(codeSource.getLocation().toURI());
      return Files.isDirectory(location) ? namesInFolder(location) : namesInJar(location);
    } catch (URISyntaxException | IOException | IllegalArgumentException e) {
      throw new ModelException("Cannot list the application's model manifests: " + e.getMessage(), e);
    }
  }

  private static List<String> namesInFolder(Path classes) throws IOException {
    Path folder = classes.resolve(RESOURCE_FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
          .sorted().map(n -> RESOURCE_FOLDER + n).toList();
    }
  }

  private static List<String> namesInJar(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith(RESOURCE_FOLDER) && name.endsWith(SUFFIX) && name.indexOf('/', RESOURCE_FOLDER.length()) < 0) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }
}
