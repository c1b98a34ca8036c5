package dev.imagerag.infra.lucene;

import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Field names, how an image becomes a Lucene document, and how a filter becomes a query. */
final class LuceneSchema {
  static final String ID = "id";
  static final String PATH = "path";
  static final String FILE_NAME = "name";
  static final String FOLDER = "folder";
  static final String CAPTION = "caption";
  static final String OCR = "ocr";
  static final String TAGS = "tags";
  static final String TAG = "tag";
  static final String FORMAT = "format";
  static final String DATE = "date";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String HAS_TEXT = "has_text";
  static final String PAYLOAD = "payload";
  private static final String VECTOR_PREFIX = "vec_";

  /** Text fields searched by keyword queries, with their weights. */
  static final Map<String, Float> KEYWORD_FIELDS =
      Map.of(FILE_NAME, 2.0f, FOLDER, 0.5f, CAPTION, 1.0f, OCR, 1.0f, TAGS, 1.5f);

  private LuceneSchema() {}

  static String vectorField(String name) {
    return VECTOR_PREFIX + name;
  }

  /**
   * The document for an image. Vectors use DOT_PRODUCT on unit vectors (the caller normalises),
   * which equals cosine similarity and is cheaper.
   */
  static Document document(IndexedImage image, Map<String, float[]> unitVectors) {
    ImagePayload p = image.payload();
    Document doc = new Document();
    doc.add(new StringField(ID, image.id().hex(), Field.Store.YES));
    for (String path : p.paths()) {
      doc.add(new StringField(PATH, path, Field.Store.NO));
      Path file = Path.of(path);
      if (file.getFileName() != null) {
        doc.add(new TextField(FILE_NAME, file.getFileName().toString(), Field.Store.NO));
      }
      if (file.getParent() != null) {
        doc.add(new TextField(FOLDER, file.getParent().toString(), Field.Store.NO));
      }
    }
    doc.add(new TextField(CAPTION, p.caption(), Field.Store.NO));
    doc.add(new TextField(OCR, p.ocrText(), Field.Store.NO));
    for (String tag : p.tags()) {
      doc.add(new TextField(TAGS, tag, Field.Store.NO));
      doc.add(new StringField(TAG, normalizeTag(tag), Field.Store.NO));
    }
    doc.add(new StringField(FORMAT, p.format().toLowerCase(Locale.ROOT), Field.Store.NO));
    doc.add(new LongPoint(DATE, p.date().toEpochMilli()));
    doc.add(new IntPoint(WIDTH, p.width()));
    doc.add(new IntPoint(HEIGHT, p.height()));
    doc.add(new StringField(HAS_TEXT, Boolean.toString(p.hasText()), Field.Store.NO));
    doc.add(new StoredField(PAYLOAD, PayloadCodec.encode(p)));
    unitVectors.forEach((name, vector) ->
        doc.add(new KnnFloatVectorField(vectorField(name), vector, VectorSimilarityFunction.DOT_PRODUCT)));
    return doc;
  }

  static String normalizeTag(String tag) {
    return tag.strip().toLowerCase(Locale.ROOT);
  }

  /** The filter as a query, or null when the filter is empty. */
  static Query filterQuery(SearchFilter filter) {
    if (filter == null || filter.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    all.add(new MatchAllDocsQuery(), Occur.MUST);
    if (!filter.pathPrefixes().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      filter.pathPrefixes().forEach(prefix -> any.add(new PrefixQuery(new Term(PATH, prefix)), Occur.SHOULD));
      all.add(any.build(), Occur.FILTER);
    }
    if (filter.from() != null || filter.to() != null) {
      long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochMilli();
      long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochMilli() - 1;
      all.add(LongPoint.newRangeQuery(DATE, from, to), Occur.FILTER);
    }
    filter.tags().forEach(tag -> all.add(new TermQuery(new Term(TAG, normalizeTag(tag))), Occur.FILTER));
    if (!filter.formats().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      filter.formats().forEach(format -> any.add(new TermQuery(new Term(FORMAT, format)), Occur.SHOULD));
      all.add(any.build(), Occur.FILTER);
    }
    if (filter.minWidth() > 0) {
      all.add(IntPoint.newRangeQuery(WIDTH, filter.minWidth(), Integer.MAX_VALUE), Occur.FILTER);
    }
    if (filter.minHeight() > 0) {
      all.add(IntPoint.newRangeQuery(HEIGHT, filter.minHeight(), Integer.MAX_VALUE), Occur.FILTER);
    }
    if (filter.hasText() != null) {
      all.add(new TermQuery(new Term(HAS_TEXT, filter.hasText().toString())), Occur.FILTER);
    }
    return all.build();
  }
}
