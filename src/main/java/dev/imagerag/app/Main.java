package dev.imagerag.app;

import dev.imagerag.cli.Cli;
import dev.imagerag.cli.CliContext;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.library.LibraryPaths;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Entry point of {@code image-rag.jar}: without arguments the desktop window, with arguments the
 * command line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Path home = Path.of(System.getProperty("user.home"));
    OfflineDefaults.apply(System.getenv(), home);
    if (args.length == 0) {
      GuiLauncher.launch(LibraryPaths.resolve(null, System.getenv(), System.getProperty("os.name"), home));
      return;
    }
    System.exit(runCli(args, home));
  }

  static int runCli(String[] args, Path home) {
    Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
    CliContext context = new CliContext(
        new AppLibraryOpener(), System.getenv(), System.getProperty("os.name"), home, out, err,
        System.console() != null, GuiLauncher::launch, LogSetup::verboseConsole, HttpModelInstaller::new,
        new ImageIoDecoder());
    return Cli.run(args, context);
  }
}
