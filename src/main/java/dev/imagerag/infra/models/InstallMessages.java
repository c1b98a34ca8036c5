package dev.imagerag.infra.models;

import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import dev.imagerag.support.ByteSizes;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The user-facing messages of failed installs: what happened, and exactly what to do. */
final class InstallMessages {
  static final String MEANWHILE =
      "Until then Image RAG keeps working: keyword and text search do not need this model.";

  private InstallMessages() {}

  /**
   * A download that cannot happen (offline, refused, not found, ...): how to do it by hand.
   *
   * @param missing the files not in place yet, the one that failed first
   */
  static ModelException byHand(ModelManifest model, Path folder, List<ModelFile> missing, FetchException cause) {
    ModelFile failed = missing.get(0);
    StringBuilder s = new StringBuilder();
    s.append("Could not download ").append(failed.name()).append(" of model ").append(model.id()).append(" from ")
        .append(failed.url()).append(": ").append(cause.getMessage()).append('.');
    s.append("\nTo install it by hand, download ").append(missing.size() == 1 ? "this file" : "these files")
        .append(" and save ").append(missing.size() == 1 ? "it under the name" : "them under the names")
        .append(" on the left in the folder\n  ").append(folder).append('\n');
    for (ModelFile file : missing) {
      s.append(String.format(Locale.ROOT, "  %-18s from ", file.name())).append(file.url());
      if (file.size() >= 0) {
        s.append(String.format(Locale.ROOT, "  (%,d bytes", file.size()));
        s.append(file.pinned() ? ", SHA-256 " + file.sha256() + ")" : ")");
      } else if (file.pinned()) {
        s.append("  (SHA-256 ").append(file.sha256()).append(')');
      }
      s.append('\n');
    }
    s.append("then run `image-rag models verify ").append(model.id()).append("`. ")
        .append("Or run `image-rag models download ").append(model.id())
        .append("` again once the network works; partial downloads resume.\n").append(MEANWHILE);
    return new ModelException(s.toString(), cause);
  }

  /** Writing failed: most likely a full disk; the .part is kept for a resume. */
  static ModelException writeFailed(ModelManifest model, Path folder, ModelFile file, FetchException cause) {
    String reason = String.valueOf(cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage());
    boolean full = reason.contains("No space left") || reason.toLowerCase(Locale.ROOT).contains("not enough space")
        || reason.toLowerCase(Locale.ROOT).contains("disk full");
    String what = full ? "The disk holding " + folder + " is full" : "Could not write to " + folder;
    return new ModelException(what + " while downloading " + file.name() + " of model " + model.id() + " ("
        + reason + "). The part downloaded so far is kept in " + file.name() + InstalledFiles.PART_SUFFIX + "; "
        + (full ? "free some space" : "fix the problem") + " and run `image-rag models download " + model.id()
        + "` again to resume, or choose another models folder with --models DIR or " + "IMAGE_RAG_MODELS. "
        + MEANWHILE, cause);
  }

  static ModelException notEnoughSpace(ModelManifest model, Path folder, long needed, long usable) {
    return new ModelException("Not enough free space to download model " + model.id() + ": it needs "
        + ByteSizes.format(needed) + " more in " + folder + ", but only " + ByteSizes.format(usable)
        + " is free. Free some space, or choose another models folder with --models DIR or IMAGE_RAG_MODELS. "
        + "Nothing was downloaded. " + MEANWHILE);
  }

  static ModelException checksumMismatch(ModelManifest model, ModelFile file, String actual) {
    return new ModelException("The downloaded " + file.name() + " of model " + model.id()
        + " has the wrong SHA-256: expected " + file.sha256() + ", actual " + actual + ". The download from "
        + file.url() + " was deleted. Run `image-rag models download " + model.id() + "` again; if it fails "
        + "the same way, the file on the server is not the one the manifest pins (or something on the way "
        + "alters it). " + MEANWHILE);
  }

  static ModelException wrongSize(ModelManifest model, ModelFile file, FetchException cause) {
    return new ModelException("Could not download " + file.name() + " of model " + model.id() + " from "
        + file.url() + ": " + cause.getMessage() + ". The file on the server is not the one the manifest pins; "
        + "nothing was kept. "
        + MEANWHILE, cause);
  }

  static ModelException busy(ModelManifest model, Path folder) {
    return new ModelException("Model " + model.id() + " is being downloaded by another Image RAG process or task "
        + "(" + folder + " is locked). Wait for it to finish, then try again.");
  }

  static ModelException unknown(String id, List<ModelManifest> known) {
    return new ModelException("No model named \"" + id + "\". Known models: "
        + String.join(", ", known.stream().map(ModelManifest::id).toList()) + " (see `image-rag models list`).");
  }

  static String firstDownloadWarning(ModelManifest model, ModelFile file, String sha256, String previous) {
    String base = "warning: " + file.name() + " of model " + model.id() + " has no published SHA-256 "
        + "(its manifest does not pin it), so it cannot be checked against a known value. Recorded its SHA-256 "
        + sha256 + " on this first download; later verifications check the file against it.";
    return previous == null || previous.equals(sha256) ? base
        : base + " It differs from the " + previous + " recorded at an earlier download: the file on the "
            + "server has changed since.";
  }

  static String firstVerifyWarning(ModelManifest model, ModelFile file, String sha256) {
    return "warning: " + file.name() + " of model " + model.id() + " has no published SHA-256 and was not "
        + "downloaded by Image RAG; recorded its SHA-256 " + sha256 + " as found now (trust on first use).";
  }
}
