package dev.imagerag.infra.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Free text to a BM25 query: every word of the text (analysed like the index) may match in any
 * keyword field; per word the best field counts (plus a little of the others), and words add up.
 * Nothing in the text is treated as an operator, so user input can never be a syntax error.
 */
final class KeywordQuery {
  private static final float TIE_BREAKER = 0.1f;

  private KeywordQuery() {}

  /** The query, or null when the text holds no searchable word. */
  static Query build(Analyzer analyzer, String text, Query filter) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Set<String> words = analyze(analyzer, text);
    if (words.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String word : words) {
      List<Query> perField = new ArrayList<>();
      for (Map.Entry<String, Float> field : LuceneSchema.KEYWORD_FIELDS.entrySet()) {
        perField.add(new BoostQuery(new TermQuery(new Term(field.getKey(), word)), field.getValue()));
      }
      query.add(new DisjunctionMaxQuery(perField, TIE_BREAKER), Occur.SHOULD);
    }
    query.setMinimumNumberShouldMatch(1);
    if (filter != null) {
      query.add(filter, Occur.FILTER);
    }
    return query.build();
  }

  private static Set<String> analyze(Analyzer analyzer, String text) {
    Set<String> words = new LinkedHashSet<>();
    // Every keyword field shares the analyzer, so the field name only selects it.
    try (TokenStream stream = analyzer.tokenStream(LuceneSchema.OCR, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        words.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }
}
