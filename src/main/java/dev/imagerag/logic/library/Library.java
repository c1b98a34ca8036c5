package dev.imagerag.logic.library;

import dev.imagerag.logic.caption.CostMeter;
import dev.imagerag.logic.catalog.Catalog;

import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.VectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open library: its catalog, index, pipeline and search, plus what must happen on close
 * (releasing the lock). Read-only libraries have no pipeline.
 */
public final class Library implements AutoCloseable {
  private final LibraryPaths paths;
  private final Catalog catalog;
  private final VectorStore store;
  private final Pipeline pipeline;
  private final SearchService search;
  private final List<AutoCloseable> onClose;
  private final ModelsStatus models;
  private final List<String> notices;
  private CostMeter captionCosts;
  private String captions = "off";
  private String ocr = "off";

  public Library(
      LibraryPaths paths, Catalog catalog, VectorStore store, Pipeline pipeline, SearchService search,
      ModelsStatus models, List<String> notices, List<AutoCloseable> onClose) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = Objects.requireNonNull(store, "store");
    this.pipeline = pipeline;
    this.search = Objects.requireNonNull(search, "search");
    this.onClose = List.copyOf(onClose);
    this.models = Objects.requireNonNull(models, "models");
    this.notices = List.copyOf(notices);
  }

  public ModelsStatus models() {
    return models;
  }

  /** Sets the caption service's description and running cost (for status and summaries). */
  public Library withCaptionCosts(CostMeter costs, String description) {
    this.captionCosts = costs;
    this.captions = description;
    return this;
  }

  /** Tokens and estimated cost of the captions requested while this library is open, if any. */
  public java.util.Optional<CostMeter> captionCosts() {
    return java.util.Optional.ofNullable(captionCosts);
  }

  /** Sets how text recognition runs here ("on: eng+deu", "off: Tesseract is not installed ..."). */
  public Library withOcr(String description) {
    this.ocr = Objects.requireNonNull(description, "description");
    return this;
  }

  /** "off" (with the reason when OCR was wanted but cannot run), or "on: LANGUAGES". */
  public String ocr() {
    return ocr;
  }

  /** "off", or "on: MODEL at URL". */
  public String captions() {
    return captions;
  }

  /**
   * Things the user should know about this library that are not errors (a model not downloaded
   * yet, an index being rebuilt after a model change). One sentence each.
   */
  public List<String> notices() {
    return notices;
  }

  public LibraryPaths paths() {
    return paths;
  }

  public Catalog catalog() {
    return catalog;
  }

  public VectorStore store() {
    return store;
  }

  public SearchService search() {
    return search;
  }

  public boolean readOnly() {
    return pipeline == null;
  }

  /** @throws IllegalStateException when the library was opened read-only */
  public Pipeline pipeline() {
    if (pipeline == null) {
      throw new IllegalStateException("the library " + paths.root() + " is open read-only");
    }
    return pipeline;
  }

  /** Closes the index, the catalog, then the extra resources in order; reports the first failure. */
  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    List<AutoCloseable> all = new ArrayList<>();
    all.add(store);
    all.add(catalog);
    all.addAll(onClose);
    for (AutoCloseable closeable : all) {
      try {
        closeable.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = new IllegalStateException("closing the library failed: " + failures.get(0).getMessage(),
          failures.get(0));
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
