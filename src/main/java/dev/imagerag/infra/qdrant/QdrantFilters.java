package dev.imagerag.infra.qdrant;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.range;

import com.google.protobuf.Timestamp;
import dev.imagerag.logic.store.SearchFilter;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link SearchFilter} as a Qdrant filter: every condition in {@code must}, each on a field with a
 * payload index, so Qdrant applies it inside the search (pre-filtering). Dates: from inclusive,
 * to exclusive; sizes: at least; tags: all of them, ignoring case; formats and path prefixes: any
 * of them.
 */
final class QdrantFilters {
  private QdrantFilters() {}

  /** The filter, or null when {@code filter} sets no condition. */
  static Filter of(SearchFilter filter) {
    List<Condition> must = conditions(filter);
    return must.isEmpty() ? null : Filter.newBuilder().addAllMust(must).build();
  }

  /** The filter plus: the image holds at least one of {@code terms} (full-text index on "terms"). */
  static Filter withAnyTerm(SearchFilter filter, List<String> terms) {
    Filter.Builder anyTerm = Filter.newBuilder();
    terms.forEach(term -> anyTerm.addShould(matchText(QdrantPayload.TERMS, term)));
    return Filter.newBuilder().addAllMust(conditions(filter)).addMust(filter(anyTerm.build())).build();
  }

  private static List<Condition> conditions(SearchFilter filter) {
    List<Condition> must = new ArrayList<>();
    if (filter == null || filter.isEmpty()) {
      return must;
    }
    if (!filter.pathPrefixes().isEmpty()) {
      Set<String> keys = new LinkedHashSet<>();
      filter.pathPrefixes().forEach(prefix -> keys.addAll(QdrantPayload.prefixKeys(prefix)));
      must.add(matchKeywords(QdrantPayload.PATH_PREFIXES, List.copyOf(keys)));
    }
    if (filter.from() != null || filter.to() != null) {
      DatetimeRange.Builder dates = DatetimeRange.newBuilder();
      if (filter.from() != null) {
        dates.setGte(timestamp(filter.from()));
      }
      if (filter.to() != null) {
        dates.setLt(timestamp(filter.to()));
      }
      must.add(datetimeRange(QdrantPayload.DATE, dates.build()));
    }
    filter.tags().stream().map(QdrantPayload::tagKey).distinct()
        .forEach(tag -> must.add(matchKeyword(QdrantPayload.TAG_KEYS, tag)));
    if (!filter.formats().isEmpty()) {
      must.add(matchKeywords(QdrantPayload.FORMAT_KEY, filter.formats().stream().sorted().toList()));
    }
    if (filter.minWidth() > 0) {
      must.add(range(QdrantPayload.WIDTH, Range.newBuilder().setGte(filter.minWidth()).build()));
    }
    if (filter.minHeight() > 0) {
      must.add(range(QdrantPayload.HEIGHT, Range.newBuilder().setGte(filter.minHeight()).build()));
    }
    if (filter.hasText() != null) {
      must.add(match(QdrantPayload.HAS_TEXT, filter.hasText()));
    }
    return must;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
