package dev.imagerag.support;

import java.time.Duration;

/** A point in monotonic time after which work on one item should stop. Thread-safe, immutable. */
public final class Deadline {
  private final long deadlineNanos;
  private final Duration budget;

  private Deadline(Duration budget) {
    this.budget = budget;
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  public static Deadline after(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, got " + budget);
    }
    return new Deadline(budget);
  }

  public boolean expired() {
    return System.nanoTime() - deadlineNanos >= 0;
  }

  public long remainingMillis() {
    return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  public Duration budget() {
    return budget;
  }

  /** The budget in words: "10 s", or "250 ms" below a second. */
  public String describeBudget() {
    return budget.toMillis() < 1000 ? budget.toMillis() + " ms" : budget.toSeconds() + " s";
  }
}
