package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.logic.jobs.JobContext;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Walks files and folders (recursively, following symbolic links, detecting loops). Inside folders
 * only files with an image extension are candidates; hidden folders and the library folder itself
 * are not entered. A file named directly is always a candidate.
 */
final class FileScanner {

  /** Receives what the walk finds; called on the walking thread. */
  interface Listener {
    void candidate(Path file, BasicFileAttributes attrs);

    void skipped(Path path, Skip skip);

    void ignored(Path file);

    /** A folder could not be listed; its files were not examined. */
    void folderFailed(Path folder, String message);
  }

  private final Path excluded;

  /** @param excluded a folder never to enter (the library), or null */
  FileScanner(Path excluded) {
    this.excluded = excluded == null ? null : excluded.toAbsolutePath().normalize();
  }

  /** Walks one root; returns false when the root does not exist. */
  boolean walk(Path root, JobContext context, Listener listener) throws IOException {
    if (!Files.exists(root)) {
      return false;
    }
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new Visitor(root, context, listener));
    return true;
  }

  static boolean hasImageExtension(Path file) {
    Path name = file.getFileName();
    return name != null && ImageFormat.byExtension(name.toString()).isPresent();
  }

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final JobContext context;
    private final Listener listener;

    Visitor(Path root, JobContext context, Listener listener) {
      this.root = root;
      this.context = context;
      this.listener = listener;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (context.isCancelled()) {
        return FileVisitResult.TERMINATE;
      }
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      Path name = dir.getFileName();
      boolean hidden = name != null && name.toString().startsWith(".");
      boolean library = excluded != null && dir.toAbsolutePath().normalize().startsWith(excluded);
      return hidden || library ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (context.isCancelled()) {
        return FileVisitResult.TERMINATE;
      }
      if (file.equals(root) || hasImageExtension(file)) {
        listener.candidate(file, attrs);
      } else {
        listener.ignored(file);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (e instanceof FileSystemLoopException) {
        listener.skipped(file, Skip.of(SkipReason.SYMLINK_LOOP,
            "the link leads back into a folder that contains it"));
      } else if (e instanceof AccessDeniedException) {
        listener.skipped(file, Skip.of(SkipReason.UNREADABLE, "permission denied"));
      } else if (e instanceof NoSuchFileException) {
        if (Files.isSymbolicLink(file)) {
          listener.skipped(file, Skip.of(SkipReason.IO_ERROR, "broken symbolic link"));
        }
      } else {
        listener.skipped(file, Skip.of(SkipReason.IO_ERROR, String.valueOf(e.getMessage())));
      }
      return context.isCancelled() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        listener.folderFailed(dir, String.valueOf(e.getMessage()));
      }
      return context.isCancelled() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }
  }
}
