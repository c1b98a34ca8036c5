import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds Image RAG's app image (the application with its own trimmed Java runtime) and, with
 * {@code --installer}, this system's installer: a .deb on Linux, an .msi on Windows, a .dmg on
 * macOS. The jpackage options live in the {@code *.txt} files next to this one; this program
 * only stages the inputs and runs jpackage with them, so the Maven profile ({@code -Ppackage})
 * and the packaging test build exactly the same thing.
 *
 * <p>Run from the project root after {@code mvn package}:
 * <pre>java packaging/jpackage/Packager.java [--installer] [--target DIR] [--dest DIR]
 *     [--app-version X.Y.Z] [--deb-compression gzip|xz|zstd|none]</pre>
 *
 * <p>Layout of {@code --dest} (default {@code target/jpackage}): {@code app-image/<name>} (on Linux
 * {@code app-image/image-rag}) and {@code installer/} (the package).
 */
public final class Packager {
  private static final Path OPTIONS = Path.of("packaging", "jpackage");
  /** JavaFX jars with a platform classifier (javafx-graphics-21.0.11-linux.jar): real modules. */
  private static final Pattern JAVAFX_MODULE_JAR = Pattern.compile("javafx-[a-z]+-[^-]+-[a-z0-9-]+\\.jar");
  private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

  private Packager() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Settings settings = Settings.parse(args);
    if (!Files.isRegularFile(OPTIONS.resolve("app.txt"))) {
      throw new IllegalStateException("run from the project root (no " + OPTIONS.resolve("app.txt") + " here)");
    }
    Os os = Os.current();
    Path jar = settings.target.resolve("image-rag.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": run `mvn package` first");
    }
    String version = settings.appVersion != null ? settings.appVersion : versionOf(jar);

    deleteRecursively(settings.dest);
    List<Path> classPath = classPath(jar);
    Path input = stageInput(jar, classPath, settings.dest.resolve("input"));
    List<Path> javafx = javafxModules(classPath);

    Path appImages = settings.dest.resolve("app-image");
    List<String> image = new ArrayList<>(List.of("@" + os.options("about"), "@" + os.options("app"),
        "@" + os.options(os.id), "--type", "app-image", "--input", input.toString(),
        "--module-path", javafx.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
        "--app-version", version, "--dest", appImages.toString(),
        "--temp", settings.dest.resolve("tmp-app-image").toString()));
    jpackage(image, Map.of());
    deleteRecursively(input); // the app image holds its own copy
    Path appImage = onlyChild(appImages);
    System.out.println("App image: " + appImage);

    if (settings.installer) {
      Path installers = settings.dest.resolve("installer");
      if (os == Os.LINUX && !onPath("fakeroot")) {
        throw new IllegalStateException("a .deb needs fakeroot: sudo apt-get install fakeroot");
      }
      List<String> installer = new ArrayList<>(List.of("@" + os.options("about"), "@" + os.options(os.id),
          "@" + os.options(os.id + "-installer"), "--app-image", appImage.toString(), "--app-version", version,
          "--dest", installers.toString(), "--temp", settings.dest.resolve("tmp-installer").toString()));
      // dpkg-deb's default, xz, takes minutes over jars that are already compressed and saves little.
      jpackage(installer, Map.of("DPKG_DEB_COMPRESSOR_TYPE", settings.debCompression));
      // jpackage exits 0 even when a tool it needs (fakeroot, WiX) is missing: check the result.
      Path built;
      try (Stream<Path> files = Files.exists(installers) ? Files.list(installers) : Stream.empty()) {
        built = files.filter(p -> p.getFileName().toString().endsWith("." + os.installerType)).findFirst()
            .orElseThrow(() -> new IllegalStateException("jpackage made no ." + os.installerType + " in " + installers
                + "; see its output above for the missing tool"));
      }
      System.out.println("Installer: " + built + " (" + Files.size(built) / (1024 * 1024) + " MiB)");
    }
    // jpackage keeps what it stages in --temp; the results are complete copies.
    deleteRecursively(settings.dest.resolve("tmp-app-image"));
    deleteRecursively(settings.dest.resolve("tmp-installer"));
  }

  /**
   * The libraries the jar names in its manifest (lib/...), the class path of {@code java -jar}. Not
   * all of target/lib: it keeps jars of earlier builds (other versions, the gpu profile).
   */
  static List<Path> classPath(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
      if (classPath == null || classPath.isBlank()) {
        throw new IllegalStateException(jar + " has no Class-Path");
      }
      List<Path> jars = new ArrayList<>();
      for (String entry : classPath.trim().split("\\s+")) {
        Path library = jar.resolveSibling(entry);
        if (!Files.isRegularFile(library)) {
          throw new IllegalStateException("missing " + library + ": run `mvn package`");
        }
        jars.add(library);
      }
      return jars;
    }
  }

  /**
   * The app's class path as jpackage's input: image-rag.jar and lib/, without the JavaFX jars
   * (they are linked into the runtime as modules) and without native debug symbols, which ONNX
   * Runtime ships for every system (about 100 MB) and nothing loads.
   */
  static Path stageInput(Path jar, List<Path> classPath, Path input) throws IOException {
    Path lib = Files.createDirectories(input.resolve("lib"));
    Files.copy(jar, input.resolve(jar.getFileName()));
    for (Path library : classPath) {
      String name = library.getFileName().toString();
      if (!name.startsWith("javafx-")) {
        Path copy = lib.resolve(name);
        Files.copy(library, copy);
        dropDebugSymbols(copy);
      }
    }
    return input;
  }

  private static void dropDebugSymbols(Path jar) throws IOException {
    List<String> symbols;
    boolean signed;
    try (JarFile file = new JarFile(jar.toFile())) {
      symbols = file.stream().map(e -> e.getName()).filter(Packager::isDebugSymbols).collect(Collectors.toList());
      signed = file.stream().anyMatch(e -> SIGNATURE.matcher(e.getName()).matches());
    }
    if (symbols.isEmpty() || signed) { // changing a signed jar would break its signature
      return;
    }
    // The zip file system rewrites the jar copying the other entries as they are, without inflating them.
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      symbols.sort(Comparator.reverseOrder()); // children before their folders
      for (String entry : symbols) {
        Files.deleteIfExists(zip.getPath(entry));
      }
    }
  }

  private static boolean isDebugSymbols(String entry) {
    return entry.endsWith(".pdb") || entry.contains(".dSYM/") || entry.endsWith(".dSYM");
  }

  /** The JavaFX jars of this system (the jars without a classifier are empty placeholders). */
  static List<Path> javafxModules(List<Path> classPath) {
    List<Path> modules = classPath.stream()
        .filter(p -> JAVAFX_MODULE_JAR.matcher(p.getFileName().toString()).matches())
        .collect(Collectors.toList());
    if (modules.isEmpty()) {
      throw new IllegalStateException("no JavaFX jars with a platform classifier on the class path");
    }
    return modules;
  }

  /** Implementation-Version of the jar without a qualifier: installers take numbers only (0.1.0-SNAPSHOT → 0.1.0). */
  static String versionOf(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String version = file.getManifest().getMainAttributes().getValue("Implementation-Version");
      if (version == null) {
        throw new IllegalStateException(jar + " has no Implementation-Version");
      }
      return version.replaceFirst("-.*$", "");
    }
  }

  private static void jpackage(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", Os.current() == Os.WINDOWS ? "jpackage.exe" : "jpackage");
    if (!Files.isExecutable(tool)) {
      throw new IllegalStateException("no jpackage in " + tool.getParent() + ": packaging needs a full JDK 17 or newer"
          + " (on Debian/Ubuntu the openjdk-17-jdk-headless package), not a JRE");
    }
    // jlink builds the runtime from the JDK's jmods (JDK 24+ may link from its own runtime instead).
    Path jmods = Path.of(System.getProperty("java.home"), "jmods");
    if (Runtime.version().feature() < 24 && !Files.isRegularFile(jmods.resolve("java.base.jmod"))) {
      throw new IllegalStateException("no " + jmods.resolve("java.base.jmod") + ": the trimmed runtime is linked from the"
          + " JDK's modules (on Debian/Ubuntu install openjdk-17-jdk-headless)");
    }
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(args);
    System.out.println("+ " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(env);
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("jpackage failed with exit code " + exit);
    }
  }

  private static Path onlyChild(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> all = children.collect(Collectors.toList());
      if (all.size() != 1) {
        throw new IllegalStateException("expected one app image in " + dir + ", found " + all);
      }
      return all.get(0);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  /** The systems jpackage builds for, each with its option files and installer type. */
  enum Os {
    LINUX("linux", "deb"), WINDOWS("windows", "msi"), MAC("mac", "dmg");

    final String id;
    final String installerType;

    Os(String id, String installerType) {
      this.id = id;
      this.installerType = installerType;
    }

    static Os current() {
      String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
      return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
    }

    /** An option file, as jpackage reads it (relative to the project root). */
    String options(String name) {
      return OPTIONS.resolve(name + ".txt").toString();
    }
  }

  /** The command line. */
  static final class Settings {
    Path target = Path.of("target");
    Path dest;
    boolean installer;
    String appVersion;
    String debCompression = "gzip";

    static Settings parse(String[] args) {
      Settings s = new Settings();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--installer": s.installer = true; break;
          case "--target": s.target = Path.of(args[++i]); break;
          case "--dest": s.dest = Path.of(args[++i]); break;
          case "--app-version": s.appVersion = args[++i].isBlank() ? null : args[i].replaceFirst("-.*$", ""); break;
          case "--deb-compression": s.debCompression = args[++i]; break;
          default: throw new IllegalArgumentException("unknown option " + args[i]
              + "; usage: Packager [--installer] [--target DIR] [--dest DIR] [--app-version V] [--deb-compression TYPE]");
        }
      }
      s.target = s.target.toAbsolutePath().normalize();
      s.dest = (s.dest != null ? s.dest : s.target.resolve("jpackage")).toAbsolutePath().normalize();
      // dest is wiped first: keep that inside the build folder.
      if (!s.dest.startsWith(s.target) || s.dest.equals(s.target)) {
        throw new IllegalArgumentException("--dest must be a folder inside " + s.target + ": " + s.dest);
      }
      return s;
    }
  }
}
