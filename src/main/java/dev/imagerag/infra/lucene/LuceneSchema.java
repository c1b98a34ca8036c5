package dev.imagerag.infra.lucene;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.VectorNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Field names, how an image becomes a block of Lucene documents (its tiles, then itself), and how a
 * filter becomes a query.
 */
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
  /**
   * Present, with value "yes", only on the documents that hold a tile vector. Image documents have
   * no marker, so indexes written before tiles existed read the same.
   */
  static final String TILE = "tile";
  private static final String VECTOR_PREFIX = "vec_";
  /** The field of tile vectors, in the visual space but apart from whole-image vectors. */
  static final String TILE_VECTOR = VECTOR_PREFIX + VectorNames.VISUAL + "_tile";

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

  /**
   * The block of documents for an image: one per tile, then the image's own document. Lucene keeps
   * a block together and in order, which is what the block join reads: the tiles of an image are the
   * documents just before it. Every document of the block carries the image's id, so replacing or
   * deleting the image by {@link #ID} takes its tiles with it.
   */
  static List<Document> block(IndexedImage image, Map<String, float[]> unitVectors, List<float[]> unitTiles) {
    List<Document> block = new ArrayList<>(unitTiles.size() + 1);
    for (float[] tile : unitTiles) {
      Document doc = new Document();
      doc.add(new StringField(ID, image.id().hex(), Field.Store.NO));
      doc.add(new StringField(TILE, "yes", Field.Store.NO));
      doc.add(new KnnFloatVectorField(TILE_VECTOR, tile, VectorSimilarityFunction.DOT_PRODUCT));
      block.add(doc);
    }
    block.add(document(image, unitVectors));
    return block;
  }

  /** Every image document: the parents of the block join. */
  static Query imagesQuery() {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.MUST)
        .add(new TermQuery(new Term(TILE, "yes")), Occur.MUST_NOT)
        .build();
  }

  /** The tile documents. */
  static Query tilesQuery() {
    return new TermQuery(new Term(TILE, "yes"));
  }

  /** The image document with this id, without its tiles. */
  static Query imageQuery(ImageId id) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(ID, id.hex())), Occur.FILTER)
        .add(tilesQuery(), Occur.MUST_NOT)
        .build();
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
