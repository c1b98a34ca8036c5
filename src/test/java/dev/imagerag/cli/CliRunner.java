package dev.imagerag.cli;

import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the command line in this JVM with the application's real wiring (library opener, model
 * installer, image decoder), non-interactive, capturing stdout and stderr.
 */
final class CliRunner {
  private CliRunner() {}

  static CliRun run(LibraryOpener opener, Map<String, String> env, Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(opener, env, "Linux", home, new PrintWriter(out, true),
        new PrintWriter(err, true), false, null, null, HttpModelInstaller::new, new ImageIoDecoder());
    int code = Cli.run(args, context);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** With the opener reading this process's environment, and no variables for the command. */
  static CliRun run(Path home, String... args) {
    return run(new AppLibraryOpener(), Map.of(), home, args);
  }
}
