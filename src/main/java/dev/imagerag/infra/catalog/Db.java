package dev.imagerag.infra.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection used by one thread at a time: every call takes the lock, and
 * {@link #transaction} nests (inner calls join the outer transaction). SQL errors surface as
 * {@link CatalogException} with the statement's purpose in the message.
 */
final class Db implements AutoCloseable {
  /** Below this much free space a failed write is reported as a full disk. */
  private static final long LOW_SPACE_BYTES = 1L << 20;

  private final Connection connection;
  private final java.nio.file.Path file;
  private final ReentrantLock lock = new ReentrantLock();

  Db(Connection connection) {
    this(connection, null);
  }

  Db(Connection connection, java.nio.file.Path file) {
    this.connection = connection;
    this.file = file;
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  <T> T transaction(String purpose, Work<T> work) {
    lock.lock();
    try {
      boolean outer = connection.getAutoCommit();
      if (outer) {
        connection.setAutoCommit(false);
      }
      try {
        T result = work.run();
        if (outer) {
          connection.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        if (outer) {
          rollbackQuietly(e);
        }
        throw e;
      } finally {
        if (outer) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw diskFull() ? CatalogException.diskFull(purpose, e) : CatalogException.of(purpose, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * SQLite does not always say SQLITE_FULL: a commit that fails for lack of space can surface as
   * "no transaction is active" after SQLite rolled back by itself. The free space tells.
   */
  private boolean diskFull() {
    if (file == null) {
      return false;
    }
    try {
      java.nio.file.Path folder = file.toAbsolutePath().getParent();
      return java.nio.file.Files.getFileStore(folder).getUsableSpace() < LOW_SPACE_BYTES;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bindAll(statement, args);
      return statement.executeUpdate();
    }
  }

  int updateEach(String sql, List<Object[]> rows) throws SQLException {
    int changed = 0;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Object[] args : rows) {
        bindAll(statement, args);
        changed += statement.executeUpdate();
      }
    }
    return changed;
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bindAll(statement, args);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }
  }

  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
    List<T> rows = query(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  long queryLong(String sql, Object... args) throws SQLException {
    return queryOne(sql, row -> row.getLong(1), args).orElse(0L);
  }

  /** Streams rows to {@code consumer} without collecting them; the lock is held meanwhile. */
  void forEach(String sql, RowMapper<Void> consumer, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bindAll(statement, args);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.map(rows);
        }
      }
    }
  }

  Connection connection() {
    return connection;
  }

  private static void bindAll(PreparedStatement statement, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw CatalogException.of("close the catalog", e);
    } finally {
      lock.unlock();
    }
  }
}
