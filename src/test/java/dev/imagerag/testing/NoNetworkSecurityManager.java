package dev.imagerag.testing;

import java.io.IOException;
import java.net.SocketPermission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Permission;

/**
 * Installed with {@code -Djava.security.manager=dev.imagerag.testing.NoNetworkSecurityManager} in
 * a child JVM: refuses every network connection (connect, listen, accept — any socket type, NIO
 * included), records each attempt with its stack to the file named by
 * {@code -Dimagerag.networkLog=FILE}, and allows everything else.
 */
public final class NoNetworkSecurityManager extends SecurityManager {
  private final Path log = Path.of(System.getProperty("imagerag.networkLog", "network-attempts.log"));

  @Override
  public void checkPermission(Permission permission) {
    if (permission instanceof SocketPermission socket) {
      String actions = socket.getActions();
      if (actions.contains("connect") || actions.contains("listen") || actions.contains("accept")) {
        record(socket);
        throw new SecurityException("network access refused in this test: " + socket);
      }
    }
  }

  @Override
  public void checkPermission(Permission permission, Object context) {
    checkPermission(permission);
  }

  private void record(SocketPermission socket) {
    StringBuilder entry = new StringBuilder(socket.toString()).append('\n');
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      entry.append("    at ").append(frame).append('\n');
    }
    try {
      Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new SecurityException("could not record a network attempt: " + e, e);
    }
  }
}
