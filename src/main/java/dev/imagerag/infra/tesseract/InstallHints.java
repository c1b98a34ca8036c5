package dev.imagerag.infra.tesseract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What to install for Tesseract and its language data, in the words of the user's platform. */
final class InstallHints {
  enum Platform { DEBIAN, FEDORA, MACOS, WINDOWS }

  private final Platform platform;

  InstallHints(Platform platform) {
    this.platform = platform;
  }

  /** The platform of {@code osName}; Linux is Debian-like unless it is a Red Hat family system. */
  static InstallHints forOs(String osName) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return new InstallHints(Platform.WINDOWS);
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return new InstallHints(Platform.MACOS);
    }
    boolean redHat = Files.exists(Path.of("/etc/fedora-release")) || Files.exists(Path.of("/etc/redhat-release"));
    return new InstallHints(redHat ? Platform.FEDORA : Platform.DEBIAN);
  }

  /** The command that installs Tesseract with {@code languages} ("eng+fra"). */
  String tesseract(String languages) {
    List<String> codes = codes(languages);
    switch (platform) {
      case DEBIAN:
        return "apt-get install tesseract-ocr " + packages(codes, "tesseract-ocr-");
      case FEDORA:
        return "dnf install tesseract " + packages(codes, "tesseract-langpack-");
      case MACOS:
        return codes.stream().allMatch(c -> c.equals("eng")) ? "brew install tesseract"
            : "brew install tesseract tesseract-lang";
      default:
        return "install Tesseract from https://github.com/UB-Mannheim/tesseract/wiki with the languages "
            + String.join(", ", codes);
    }
  }

  /** The command that adds the data of the {@code missing} languages. */
  String languages(List<String> missing) {
    switch (platform) {
      case DEBIAN:
        return "apt-get install " + packages(missing, "tesseract-ocr-");
      case FEDORA:
        return "dnf install " + packages(missing, "tesseract-langpack-");
      case MACOS:
        return "brew install tesseract-lang";
      default:
        return "run the Tesseract installer again and select " + String.join(", ", missing);
    }
  }

  /** The command that installs the data of {@code languages} again, for damaged files. */
  String reinstall(List<String> languages) {
    switch (platform) {
      case DEBIAN:
        return "apt-get install --reinstall " + packages(languages, "tesseract-ocr-");
      case FEDORA:
        return "dnf reinstall " + packages(languages, "tesseract-langpack-");
      case MACOS:
        return "brew reinstall tesseract tesseract-lang";
      default:
        return "run the Tesseract installer again";
    }
  }

  /** The command that adds orientation and script detection data (osd.traineddata). */
  String osd() {
    switch (platform) {
      case DEBIAN:
        return "apt-get install tesseract-ocr-osd";
      case FEDORA:
        return "dnf install tesseract-osd";
      default:
        return "reinstall Tesseract with its osd data";
    }
  }

  private String packages(List<String> codes, String prefix) {
    return codes.stream()
        .map(c -> prefix + (platform == Platform.DEBIAN ? c.toLowerCase(Locale.ROOT).replace('_', '-') : c))
        .collect(Collectors.joining(" "));
  }

  static List<String> codes(String languages) {
    return Arrays.asList(languages.split("\\+"));
  }
}
