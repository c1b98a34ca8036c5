package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Runs the command line; returns the exit code (0 ok, 1 failure, 2 bad usage). */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private Cli() {}

  public static int run(String[] args, CliContext context) {
    ImageRagCommand root = new ImageRagCommand(context);
    CommandLine commandLine = new CommandLine(root)
        .setOut(context.out())
        .setErr(context.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler(root))
        .setParameterExceptionHandler((e, arguments) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("error: " + e.getMessage());
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          err.flush();
          return USAGE;
        });
    int code = commandLine.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** One clear line per error; the stack trace only with --verbose. */
  private static final class ErrorHandler implements IExecutionExceptionHandler {
    private final ImageRagCommand root;

    ErrorHandler(ImageRagCommand root) {
      this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
      PrintWriter err = commandLine.getErr();
      if (e instanceof CancellationException) {
        err.println("Cancelled.");
      } else if (e instanceof ImageRagException || e instanceof IllegalArgumentException) {
        err.println("error: " + e.getMessage());
      } else {
        err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
            + " (details in the log file; run with --verbose to see them here)");
      }
      if (root.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return FAILURE;
    }
  }
}
