package dev.imagerag.logic.catalog;

/** Orders for browsing the library. */
public enum ImageSort {
  /** Newest capture (or file) date first. */
  DATE_NEWEST,
  DATE_OLDEST,
  /** By file name, case-insensitive. */
  NAME,
  /** Most recently imported first. */
  ADDED
}
