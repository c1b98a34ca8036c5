package dev.imagerag.logic.embed;

import dev.imagerag.domain.ImageRagException;

/**
 * A model could not be listed, downloaded or verified: a bad manifest, an unreachable server, a
 * full disk, a file with the wrong checksum. The message says which model and file, why, and what
 * to do (including how to install the files by hand).
 */
public final class ModelException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  public ModelException(String userMessage) {
    super(userMessage);
  }

  public ModelException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
