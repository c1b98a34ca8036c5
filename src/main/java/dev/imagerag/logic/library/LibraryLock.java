package dev.imagerag.logic.library;

import dev.imagerag.domain.LibraryInUseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The library's write lock: an OS file lock on {@code library.lock}, released by the OS when the
 * process dies (so a crash never leaves a stale lock). The file records the holder's pid for the
 * message the next process shows.
 */
public final class LibraryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private LibraryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails with a message naming the library and the holder.
   *
   * @throws LibraryInUseException when another process (or another open library in this process)
   *     holds it
   */
  public static LibraryLock acquire(Path lockFile) throws IOException {
    Files.createDirectories(lockFile.getParent());
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new LibraryInUseException(
          "The library " + lockFile.getParent() + " is in use by another Image RAG process"
              + (holder.isEmpty() ? "" : " (" + holder + ")")
              + ". Close it or wait until it finishes, then try again.");
    }
    String me = "pid " + ProcessHandle.current().pid();
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
    return new LibraryLock(channel, lock);
  }

  /** True when some process holds the lock right now (this one included). */
  public static boolean isHeld(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(64);
      int n = channel.read(buffer, 0);
      return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
