package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.embed.ModelState.FileState;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.support.ByteSizes;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code models list|download|verify}: the encoders for visual search, in the models folder. */
@Command(name = "models", mixinStandardHelpOptions = true, description = {
    "List, download and verify the models for visual search. They live in --models DIR, else in",
    "$IMAGE_RAG_MODELS, else in the user's cache folder; keyword search works without them."},
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.DownloadModel.class,
        ModelsCommand.VerifyModels.class, PreprocessCommand.class})
final class ModelsCommand {
  @ParentCommand ImageRagCommand root;

  ModelInstaller installer() {
    if (root.verbose) {
      root.context.verboseLogging().run();
    }
    if (root.context.modelInstallers() == null) {
      throw new ImageRagException("Models cannot be installed from this program.");
    }
    return root.context.modelInstallers().open(root.modelsFolder().root());
  }

  /** {@code models list}: every known model and what of it is on disk. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = {
      "List the known models: id, name, family, embedding dimension, size on disk and download size,",
      "state (missing, partial, ready, corrupt); * marks the default. With --json, one object per line."})
  static final class ListModels implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Override
    public Integer call() {
      ModelInstaller installer = models.installer();
      PrintWriter out = models.root.context.out();
      List<ModelManifest> manifests = installer.manifests();
      if (!models.root.json) {
        out.printf(Locale.ROOT, "   %-29s %-37s %-7s %4s  %-22s %s%n", "ID", "NAME", "FAMILY", "DIM",
            "ON DISK / DOWNLOAD", "STATE");
      }
      for (ModelManifest manifest : manifests) {
        ModelState state = installer.state(manifest.id());
        if (models.root.json) {
          out.println(Json.line(describe(manifest, state)));
        } else {
          out.printf(Locale.ROOT, "%s  %-29s %-37s %-7s %4d  %-22s %s%n", manifest.isDefault() ? "*" : " ",
              manifest.id(), manifest.name(), manifest.family(), manifest.dimension(), sizes(state),
              state.state().id());
          printProblems(state, out);
        }
      }
      if (!models.root.json) {
        out.println();
        out.println("* default model. Models folder: " + installer.folder());
        out.println("Download one with `image-rag models download ID`.");
      }
      return Cli.OK;
    }

    private static String sizes(ModelState state) {
      return ByteSizes.format(state.bytesOnDisk()) + " / "
          + (state.totalBytes() < 0 ? "unknown" : ByteSizes.format(state.totalBytes()));
    }
  }

  /** {@code models download ID}: fetch, resume, verify. */
  @Command(name = "download", mixinStandardHelpOptions = true, description = {
      "Download a model's files into the models folder, resuming interrupted downloads and checking",
      "every file's SHA-256. Ctrl+C stops; the next run resumes."})
  static final class DownloadModel implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "ID", description = "The model to download (see `models list`).")
    String id;

    @Override
    public Integer call() {
      ModelInstaller installer = models.installer();
      ImageRagCommand root = models.root;
      installer.manifest(id); // an unknown id fails here, before any hook or bar
      JobControl control = new JobControl();
      ModelState state;
      DownloadDisplay display = new DownloadDisplay(root.context.interactive(), System.err, root.context.err());
      // Ctrl+C: stop after the current piece and close the .part file, so the next run resumes.
      try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control::cancel, 30); display) {
        state = installer.download(id, display, control);
      }
      PrintWriter out = root.context.out();
      if (root.json) {
        Map<String, Object> line = describe(installer.manifest(id), state);
        line.put("downloaded", display.downloaded());
        out.println(Json.line(line));
      } else {
        out.println("Model " + id + " is " + state.state().id() + " in " + state.folder());
        for (FileState file : state.files()) {
          out.printf(Locale.ROOT, "  %-20s %10s  %s%n", file.name(), ByteSizes.format(file.bytesOnDisk()),
              display.downloaded().contains(file.name()) ? "downloaded" : "already present");
        }
      }
      return state.state() == InstallState.READY ? Cli.OK : Cli.FAILURE;
    }
  }

  /** {@code models verify [ID]}: full checksums of what is on disk. */
  @Command(name = "verify", mixinStandardHelpOptions = true, description = {
      "Compute the SHA-256 of every downloaded file and compare it with the manifest. Without ID,",
      "checks every model that has files on disk. Exit code 1 when a model is corrupt."})
  static final class VerifyModels implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The model to verify (default: all).")
    String id;

    @Override
    public Integer call() {
      ModelInstaller installer = models.installer();
      ImageRagCommand root = models.root;
      List<String> ids = id != null ? List.of(installer.manifest(id).id())
          : installer.manifests().stream().map(ModelManifest::id).toList();
      boolean corrupt = false;
      JobControl control = new JobControl();
      for (String modelId : ids) {
        ModelState state = installer.state(modelId);
        if (state.state() != InstallState.MISSING) {
          if (root.context.interactive()) {
            root.context.err().println("Verifying " + modelId + " ...");
            root.context.err().flush();
          }
          state = installer.verify(modelId, control);
        }
        corrupt |= state.state() == InstallState.CORRUPT;
        print(installer.manifest(modelId), state, root.json, root.context.out());
      }
      return corrupt ? Cli.FAILURE : Cli.OK;
    }

    private static void print(ModelManifest manifest, ModelState state, boolean json, PrintWriter out) {
      if (json) {
        out.println(Json.line(describe(manifest, state)));
        return;
      }
      long verified = state.files().stream().filter(FileState::verified).count();
      String summary = switch (state.state()) {
        case MISSING -> "not downloaded";
        case READY -> verified == state.files().size() ? "all " + verified + " files verified"
            : verified + " of " + state.files().size() + " files verified";
        case PARTIAL -> "download not finished (`image-rag models download " + manifest.id() + "` resumes)";
        case CORRUPT -> "damaged: download it again with `image-rag models download " + manifest.id() + "`";
      };
      out.printf(Locale.ROOT, "%-30s %-8s %s%n", manifest.id(), state.state().id(), summary);
      printProblems(state, out);
    }
  }

  /** One line per file that is not simply ready: why, and what to do. */
  static void printProblems(ModelState state, PrintWriter out) {
    for (FileState file : state.files()) {
      boolean worthSaying = file.state() == InstallState.CORRUPT || file.state() == InstallState.PARTIAL
          || file.state() == InstallState.READY && !file.verified() && state.state() != InstallState.MISSING;
      if (worthSaying) {
        out.println("     " + file.name() + ": " + file.detail());
      }
    }
  }

  static Map<String, Object> describe(ModelManifest manifest, ModelState state) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", manifest.id());
    line.put("name", manifest.name());
    line.put("family", manifest.family());
    line.put("dimension", manifest.dimension());
    line.put("imageSize", manifest.image().size());
    line.put("default", manifest.isDefault());
    line.put("state", state.state().id());
    line.put("bytesOnDisk", state.bytesOnDisk());
    line.put("downloadBytes", state.totalBytes() < 0 ? null : state.totalBytes());
    line.put("pinned", manifest.files().stream().allMatch(ModelManifest.ModelFile::pinned));
    line.put("revision", manifest.revision());
    line.put("folder", state.folder().toString());
    line.put("files", state.files().stream().map(ModelsCommand::describe).toList());
    return line;
  }

  private static Map<String, Object> describe(FileState file) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", file.name());
    entry.put("state", file.state().id());
    entry.put("bytesOnDisk", file.bytesOnDisk());
    entry.put("size", file.expectedBytes() < 0 ? null : file.expectedBytes());
    entry.put("verified", file.verified());
    entry.put("detail", file.detail());
    return entry;
  }
}
