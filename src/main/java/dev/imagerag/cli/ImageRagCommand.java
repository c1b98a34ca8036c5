package dev.imagerag.cli;

import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.ModelsFolder;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.store.StoreOverrides;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command; its options apply to every subcommand. */
@Command(
    name = "image-rag",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Local image search and question answering.",
      "Without a command, opens the desktop window."
    },
    subcommands = {
      IndexCommand.class, StatusCommand.class, SearchCommand.class, RemoveCommand.class,
      ReindexCommand.class, SimilarCommand.class, DuplicatesCommand.class, AskCommand.class, ShowCommand.class, ReprocessCommand.class, MigrateCommand.class, EvalCommand.class, BenchCommand.class, ModelsCommand.class
    },
    footer = {
      "",
      "The library (catalog, thumbnails, index, settings, logs) lives in --library DIR, else in",
      "$IMAGE_RAG_HOME, else in the user's data folder. Models live in --models DIR, else in",
      "$IMAGE_RAG_MODELS, else in the user's cache folder. Exit codes: 0 ok, 1 failure, 2 bad usage."
    })
public final class ImageRagCommand implements Callable<Integer> {
  final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--library", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Library folder (default: $IMAGE_RAG_HOME, else the user's data folder).")
  Path library;

  @Option(names = "--models", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Models folder (default: $IMAGE_RAG_MODELS, else the user's cache folder).")
  Path models;

  @Option(names = "--device", paramLabel = "auto|cpu|gpu", scope = ScopeType.INHERIT,
      description = "Where models run (default: the library's setting, normally auto: the GPU when CUDA is "
          + "available, else the CPU).")
  Device device;

  @Option(names = "--store", paramLabel = "embedded|qdrant", scope = ScopeType.INHERIT,
      description = "Which index to use for this run (default: the library's settings, normally embedded).")
  String store;

  @Option(names = "--qdrant-url", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Qdrant's gRPC endpoint, http(s)://HOST:PORT (default: the library's remoteIndex.url, else "
          + "http://localhost:6334).")
  String qdrantUrl;

  @Option(names = "--qdrant-api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
      description = "Qdrant API key (default: the library's remoteIndex.apiKey, else $QDRANT_API_KEY). Prefer the "
          + "variable: arguments show in process lists.")
  String qdrantApiKey;

  @Option(names = "--collection", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "Qdrant collection (default: the library's remoteIndex.collection, else "
          + "image-rag-<library folder>-<hash of its path>).")
  String collection;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log to stderr and show stack traces of errors.")
  boolean verbose;

  public ImageRagCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (context.openGui() == null) {
      spec.commandLine().usage(context.out());
      return 0;
    }
    context.openGui().accept(libraryPaths());
    return 0;
  }

  LibraryPaths libraryPaths() {
    return context.resolveLibrary(library);
  }

  ModelsFolder modelsFolder() {
    return context.resolveModels(models);
  }

  Library open(LibraryOpener.Access access) {
    if (verbose) {
      context.verboseLogging().run();
    }
    return context.opener().open(libraryPaths(), access,
        options());
  }

  LibraryOpener.Options options() {
    return new LibraryOpener.Options(modelsFolder().root(), device, null, null, storeOverrides());
  }

  /** The index options given on the command line (none given: the library's settings decide). */
  StoreOverrides storeOverrides() {
    return new StoreOverrides(store, qdrantUrl, qdrantApiKey, collection);
  }
}
