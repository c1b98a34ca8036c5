package dev.imagerag.cli;

import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelsFolder;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What commands need from the outside world, passed in so tests can run the CLI in-process.
 *
 * @param interactive stderr is a terminal: show progress bars
 * @param openGui opens the desktop window on a library (null where no GUI is available)
 * @param verboseLogging turns on log output to stderr
 * @param modelInstallers opens the model installer on a models folder (null where models cannot
 *     be installed)
 * @param decoder reads image files for commands that take one outside a library
 */
public record CliContext(
    LibraryOpener opener,
    Map<String, String> env,
    String osName,
    Path home,
    PrintWriter out,
    PrintWriter err,
    boolean interactive,
    Consumer<LibraryPaths> openGui,
    Runnable verboseLogging,
    ModelInstaller.Opener modelInstallers,
    ImageDecoder decoder) {

  public CliContext {
    Objects.requireNonNull(opener, "opener");
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    verboseLogging = verboseLogging == null ? () -> { } : verboseLogging;
  }

  LibraryPaths resolveLibrary(Path explicit) {
    return LibraryPaths.resolve(explicit, env, osName, home);
  }

  ModelsFolder resolveModels(Path explicit) {
    return ModelsFolder.resolve(explicit, env, osName, home);
  }
}
