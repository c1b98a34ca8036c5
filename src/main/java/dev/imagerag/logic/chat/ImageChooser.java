package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.SearchFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the images a question is answered from: hybrid search (near-duplicates shown once),
 * within the user's selection when there is one, or the previous turn's images, with their
 * numbers, when the question is about them ({@link FollowUps}).
 *
 * <p>A selection replaces the filter: the user chose the images. Selected images are ranked by
 * the search (restricted to their paths), and selected images it did not rank follow, so a small
 * selection is always shown whole.
 */
final class ImageChooser {
  /**
   * Selections with more paths than this are searched library-wide and intersected, because each
   * path is one clause of the index's filter.
   */
  static final int MAX_PATH_FILTER = 512;
  private static final int WIDE_SEARCH = 2_000;

  private final SearchService search;
  private final Catalog catalog;

  ImageChooser(SearchService search, Catalog catalog) {
    this.search = search;
    this.catalog = catalog;
  }

  record Choice(List<SourceImage> images, ImageChoice from) { }

  /**
   * @param count how many images at most
   * @param previous the conversation's last turn, or null
   */
  Choice choose(ChatQuestion question, int count, ChatTurn previous) {
    List<TurnImage> before = previous == null ? List.of() : stillKnown(previous.images(), question.selection());
    if (!before.isEmpty() && FollowUps.refersBack(question.text())) {
      return new Choice(reuse(before), ImageChoice.PREVIOUS);
    }
    List<SearchHit> hits = question.selection().isEmpty()
        ? search.search(
            new SearchRequest(searchable(question.text()), null, SearchMode.HYBRID, count, question.filter()))
        : withinSelection(question, count);
    if (!before.isEmpty() && (hits.isEmpty() || FollowUps.leansOnContext(question.text()) || FollowUps.weak(hits))) {
      return new Choice(reuse(before), ImageChoice.PREVIOUS);
    }
    if (hits.isEmpty()) {
      return new Choice(List.of(), ImageChoice.NONE);
    }
    List<SourceImage> images = new ArrayList<>();
    for (SearchHit hit : hits) {
      images.add(source(images.size() + 1, hit.id(), hit.paths(), hit.score()));
    }
    return new Choice(images, question.selection().isEmpty() ? ImageChoice.RETRIEVED : ImageChoice.SELECTION);
  }

  private List<SearchHit> withinSelection(ChatQuestion question, int count) {
    Set<ImageId> selected = question.selection();
    List<String> paths = selected.stream().flatMap(id -> catalog.paths(id).stream()).toList();
    boolean filtered = paths.size() <= MAX_PATH_FILTER;
    int k = Math.min(SearchRequest.MAX_K, filtered ? Math.max(count, selected.size()) : WIDE_SEARCH);
    SearchFilter filter = filtered ? SearchFilter.NONE.withPathPrefixes(paths) : SearchFilter.NONE;
    List<SearchHit> ranked = paths.isEmpty() ? List.of() : search.search(
        new SearchRequest(searchable(question.text()), null, SearchMode.HYBRID, k, filter).withGroupDuplicates(false));
    List<SearchHit> hits = new ArrayList<>();
    Set<ImageId> taken = new LinkedHashSet<>();
    // A path filter matches by prefix ("/a/1.png" also matches "/a/1.png.jpg"): keep members only.
    for (SearchHit hit : ranked) {
      if (hits.size() < count && selected.contains(hit.id()) && taken.add(hit.id())) {
        hits.add(hit);
      }
    }
    for (ImageId id : selected) {
      List<String> idPaths = catalog.paths(id);
      if (hits.size() < count && !idPaths.isEmpty() && taken.add(id)) {
        hits.add(new SearchHit(hits.size() + 1, id, idPaths, 0, SearchMode.HYBRID));
      }
    }
    return hits;
  }

  /** The earlier images still in the library (and in the selection, when there is one). */
  private List<TurnImage> stillKnown(List<TurnImage> images, Set<ImageId> selection) {
    if (!selection.isEmpty() && !images.stream().allMatch(i -> selection.contains(i.id()))) {
      return List.of();
    }
    return images.stream().filter(i -> !catalog.paths(i.id()).isEmpty()).toList();
  }

  private List<SourceImage> reuse(List<TurnImage> before) {
    return before.stream().map(i -> source(i.number(), i.id(), catalog.paths(i.id()), i.score())).toList();
  }

  private SourceImage source(int number, ImageId id, List<String> paths, double score) {
    Map<String, String> texts = catalog.texts(id);
    return new SourceImage(number, id, paths, score, texts.get(IndexStage.CAPTION), texts.get(IndexStage.OCR));
  }

  /**
   * The question as search text: a question is not query arithmetic, so a lone "+" or "-" (as in
   * "revenue - costs") must not subtract a term, and quotes must not group words.
   */
  static String searchable(String question) {
    String text = question.replaceAll("(?<=\\s)[+-](?=\\s)", " ").replace('"', ' ').strip();
    return text.isEmpty() ? question : text;
  }
}
