package dev.imagerag.infra.catalog;

import dev.imagerag.domain.ImageRagException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.sql.SQLException;
import java.util.Locale;

/** A catalog operation failed; the message says which and, for common causes, what to do. */
public final class CatalogException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  private CatalogException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  static CatalogException io(String purpose, IOException e) {
    return new CatalogException("Could not " + purpose + ": " + describe(e), e);
  }

  /** Some NIO exceptions carry only the file name as their message; say what is wrong with it. */
  private static String describe(IOException e) {
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a folder";
    }
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    return e.getMessage();
  }

  static CatalogException diskFull(String purpose, SQLException e) {
    return new CatalogException("Could not " + purpose + ": the disk holding the library is full. Free some space and"
        + " run the command again; nothing stored was lost.", e);
  }

  static CatalogException newerSchema(int found, int supported) {
    return new CatalogException(
        "This library was written by a newer version of Image RAG (catalog version " + found
            + ", this version understands up to " + supported + "). Update Image RAG to open it.",
        null);
  }

  static CatalogException of(String purpose, SQLException e) {
    String detail = e.getMessage() == null ? "" : e.getMessage();
    String lower = detail.toLowerCase(Locale.ROOT);
    String hint;
    if (lower.contains("sqlite_full") || lower.contains("disk is full")) {
      hint = "The disk holding the library is full. Free some space and try again; nothing stored was lost.";
    } else if (lower.contains("readonly") || lower.contains("read-only") || lower.contains("sqlite_cantopen")) {
      hint = "The library folder cannot be written. Check its permissions, or choose another library with --library.";
    } else if (lower.contains("sqlite_busy") || lower.contains("locked")) {
      hint = "The catalog is busy in another process. Close other Image RAG windows and try again.";
    } else if (lower.contains("sqlite_corrupt") || lower.contains("malformed") || lower.contains("sqlite_notadb")) {
      hint = "The catalog file is damaged. Restore catalog.db from a backup, or move it aside and import your folders again.";
    } else {
      hint = detail;
    }
    return new CatalogException("Could not " + purpose + ": " + hint, e);
  }
}
