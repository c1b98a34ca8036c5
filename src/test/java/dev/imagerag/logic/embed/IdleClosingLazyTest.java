package dev.imagerag.logic.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IdleClosingLazyTest {
  /** Stands for a native session: using it after close is the crash the lazy must prevent. */
  static final class Session implements AutoCloseable {
    final AtomicBoolean closed = new AtomicBoolean();

    String run() {
      if (closed.get()) {
        throw new AssertionError("used after close");
      }
      return "ok";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void closeWaitsForTheCallInProgressBeforeClosingTheResource() throws Exception {
    Session session = new Session();
    IdleClosingLazy<Session> lazy = new IdleClosingLazy<>(() -> session, Duration.ofMinutes(10));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
      try {
        return lazy.with(s -> {
          inside.countDown();
          await(release);
          return s.run();
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(lazy::close);
    Thread.sleep(200);
    assertThat(closing).as("close must wait for the running call").isNotDone();
    assertThat(session.closed).isFalse();

    release.countDown();
    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
    closing.get(10, TimeUnit.SECONDS);
    assertThat(session.closed).isTrue();
  }

  @Test
  void afterCloseNewWorkIsRefusedInsteadOfLoadingAgain() throws Exception {
    int[] loads = {0};
    IdleClosingLazy<Session> lazy = new IdleClosingLazy<>(() -> {
      loads[0]++;
      return new Session();
    }, Duration.ofMinutes(10));
    assertThat(lazy.with(Session::run)).isEqualTo("ok");

    lazy.close();

    assertThatThrownBy(() -> lazy.with(Session::run)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(loads[0]).isEqualTo(1);
    assertThat(lazy.isLoaded()).isFalse();
  }

  @Test
  void anIdleResourceIsUnloadedAndLoadedAgainOnTheNextUse() throws Exception {
    IdleClosingLazy<Session> lazy = new IdleClosingLazy<>(Session::new, Duration.ofMillis(300));
    lazy.with(Session::run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (lazy.isLoaded() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(lazy.isLoaded()).as("unloaded after being idle").isFalse();

    assertThat(lazy.with(Session::run)).isEqualTo("ok");
    assertThat(lazy.loadCount()).isEqualTo(2);
    lazy.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
