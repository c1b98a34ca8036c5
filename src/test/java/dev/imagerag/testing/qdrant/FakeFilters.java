package dev.imagerag.testing.qdrant;

import static dev.imagerag.testing.qdrant.FakeQdrantState.invalid;

import dev.imagerag.testing.qdrant.InMemoryCollection.IndexInfo;
import dev.imagerag.testing.qdrant.InMemoryCollection.StoredPoint;
import io.grpc.Status;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Qdrant's filter semantics over a collection's payload: {@code must} all, {@code should} at least
 * one (none given: no constraint), {@code must_not} none, {@code min_should}; a field condition
 * holds when any of the field's values (arrays are flattened) satisfies it and never on a missing
 * field; match keyword/integer/bool (exact), any-of, except; full-text match with the field's text
 * index (tokens of the index's tokenizer, all required; {@code text_any}: one) or, without one, a
 * plain substring; numeric range; datetime range over RFC 3339 strings; has_id, is_empty, is_null,
 * values_count, has_vector. In strict mode (like Qdrant's {@code unindexed_filtering_retrieve:
 * false}) a condition on a field without a suitable payload index is refused.
 */
final class FakeFilters {
  private final InMemoryCollection collection;
  private final boolean strict;

  FakeFilters(InMemoryCollection collection, boolean strict) {
    this.collection = collection;
    this.strict = strict;
  }

  /** Checks the whole filter against the indexes (strict mode) before any point is looked at. */
  FakeFilters validate(Filter filter) {
    if (filter != null) {
      conditions(filter).forEach(this::validate);
    }
    return this;
  }

  private static List<Condition> conditions(Filter filter) {
    List<Condition> all = new ArrayList<>(filter.getMustList());
    all.addAll(filter.getShouldList());
    all.addAll(filter.getMustNotList());
    all.addAll(filter.getMinShould().getConditionsList());
    return all;
  }

  private void validate(Condition condition) {
    if (condition.hasFilter()) {
      validate(condition.getFilter());
    } else if (condition.hasField() && strict) {
      FieldCondition field = condition.getField();
      PayloadSchemaType needed = neededIndex(field);
      IndexInfo index = collection.indexes.get(field.getKey());
      boolean ok = index != null && (index.type() == needed
          || needed == PayloadSchemaType.Integer && index.type() == PayloadSchemaType.Float);
      if (!ok) {
        throw invalid("Bad request: Index required but not found for \"" + field.getKey()
            + "\" of one of the following types: [" + needed.name().toLowerCase(Locale.ROOT)
            + "]. Help: Create an index for this key or use a different filter.");
      }
    }
  }

  private static PayloadSchemaType neededIndex(FieldCondition field) {
    if (field.hasDatetimeRange()) {
      return PayloadSchemaType.Datetime;
    }
    if (field.hasRange()) {
      return PayloadSchemaType.Integer;
    }
    Match match = field.getMatch();
    switch (match.getMatchValueCase()) {
      case TEXT: case TEXT_ANY: case PHRASE:
        return PayloadSchemaType.Text;
      case INTEGER: case INTEGERS: case EXCEPT_INTEGERS:
        return PayloadSchemaType.Integer;
      case BOOLEAN:
        return PayloadSchemaType.Bool;
      default:
        return PayloadSchemaType.Keyword;
    }
  }

  boolean matches(Filter filter, StoredPoint point) {
    if (filter == null) {
      return true;
    }
    for (Condition c : filter.getMustList()) {
      if (!matches(c, point)) {
        return false;
      }
    }
    if (filter.getShouldCount() > 0 && filter.getShouldList().stream().noneMatch(c -> matches(c, point))) {
      return false;
    }
    for (Condition c : filter.getMustNotList()) {
      if (matches(c, point)) {
        return false;
      }
    }
    if (filter.hasMinShould()) {
      long held = filter.getMinShould().getConditionsList().stream().filter(c -> matches(c, point)).count();
      return held >= filter.getMinShould().getMinCount();
    }
    return true;
  }

  private boolean matches(Condition condition, StoredPoint point) {
    switch (condition.getConditionOneOfCase()) {
      case FILTER:
        return matches(condition.getFilter(), point);
      case FIELD:
        return matches(condition.getField(), values(point.payload(), condition.getField().getKey()));
      case HAS_ID:
        return condition.getHasId().getHasIdList().stream()
            .anyMatch(id -> InMemoryCollection.key(id).equals(InMemoryCollection.key(point.id())));
      case IS_EMPTY:
        return values(point.payload(), condition.getIsEmpty().getKey()).stream()
            .allMatch(v -> v.getKindCase() == Value.KindCase.NULL_VALUE);
      case IS_NULL: {
        Value value = point.payload().get(condition.getIsNull().getKey());
        return value != null && value.getKindCase() == Value.KindCase.NULL_VALUE;
      }
      case HAS_VECTOR: {
        String name = condition.getHasVector().getHasVector();
        return point.dense().containsKey(name) || point.sparse().containsKey(name);
      }
      default:
        throw Status.UNIMPLEMENTED.withDescription("the fake does not filter by " + condition.getConditionOneOfCase())
            .asRuntimeException();
    }
  }

  private boolean matches(FieldCondition field, List<Value> values) {
    if (field.hasValuesCount()) {
      long n = values.size();
      var count = field.getValuesCount();
      return (!count.hasLt() || n < count.getLt()) && (!count.hasGt() || n > count.getGt())
          && (!count.hasGte() || n >= count.getGte()) && (!count.hasLte() || n <= count.getLte());
    }
    if (values.isEmpty()) {
      return false;
    }
    if (field.hasRange()) {
      return values.stream().anyMatch(v -> inRange(v, field.getRange()));
    }
    if (field.hasDatetimeRange()) {
      return values.stream().anyMatch(v -> inRange(v, field.getDatetimeRange()));
    }
    if (field.hasMatch()) {
      return matches(field.getKey(), field.getMatch(), values);
    }
    throw Status.UNIMPLEMENTED.withDescription("the fake does not evaluate this field condition on "
        + field.getKey()).asRuntimeException();
  }

  private boolean matches(String key, Match match, List<Value> values) {
    switch (match.getMatchValueCase()) {
      case KEYWORD:
        return values.stream().anyMatch(v -> isString(v) && v.getStringValue().equals(match.getKeyword()));
      case KEYWORDS:
        return values.stream().anyMatch(v -> isString(v) && match.getKeywords().getStringsList()
            .contains(v.getStringValue()));
      case EXCEPT_KEYWORDS:
        return values.stream().anyMatch(v -> !isString(v) || !match.getExceptKeywords().getStringsList()
            .contains(v.getStringValue()));
      case INTEGER:
        return values.stream().anyMatch(v -> v.getKindCase() == Value.KindCase.INTEGER_VALUE
            && v.getIntegerValue() == match.getInteger());
      case INTEGERS:
        return values.stream().anyMatch(v -> v.getKindCase() == Value.KindCase.INTEGER_VALUE
            && match.getIntegers().getIntegersList().contains(v.getIntegerValue()));
      case BOOLEAN:
        return values.stream().anyMatch(v -> v.getKindCase() == Value.KindCase.BOOL_VALUE
            && v.getBoolValue() == match.getBoolean());
      case TEXT:
        return text(key, values, match.getText(), true);
      case TEXT_ANY:
        return text(key, values, match.getTextAny(), false);
      default:
        throw Status.UNIMPLEMENTED.withDescription("the fake does not match " + match.getMatchValueCase())
            .asRuntimeException();
    }
  }

  /** Full-text match: with a text index, tokens (all or any); without one, a substring. */
  private boolean text(String key, List<Value> values, String query, boolean all) {
    IndexInfo index = collection.indexes.get(key);
    for (Value value : values) {
      if (!isString(value)) {
        continue;
      }
      if (index == null || index.type() != PayloadSchemaType.Text) {
        if (value.getStringValue().contains(query)) {
          return true;
        }
        continue;
      }
      Set<String> tokens = new HashSet<>(tokens(index, value.getStringValue()));
      List<String> wanted = tokens(index, query);
      if (!wanted.isEmpty() && (all ? tokens.containsAll(wanted) : wanted.stream().anyMatch(tokens::contains))) {
        return true;
      }
    }
    return false;
  }

  /** The whitespace and word tokenizers, lower case unless the index says otherwise. */
  static List<String> tokens(IndexInfo index, String text) {
    var params = index.params() == null ? null : index.params().getTextIndexParams();
    TokenizerType tokenizer = params == null ? TokenizerType.Word : params.getTokenizer();
    boolean lowercase = params == null || !params.hasLowercase() || params.getLowercase();
    String[] parts = switch (tokenizer) {
      case Whitespace -> text.split("\\s+");
      case Word, Unknown -> text.split("[^\\p{L}\\p{N}]+");
      default -> throw Status.UNIMPLEMENTED.withDescription("the fake tokenizes words and whitespace only")
          .asRuntimeException();
    };
    return Arrays.stream(parts).filter(p -> !p.isEmpty())
        .map(p -> lowercase ? p.toLowerCase(Locale.ROOT) : p).toList();
  }

  private static boolean inRange(Value value, Range range) {
    double x;
    if (value.getKindCase() == Value.KindCase.INTEGER_VALUE) {
      x = value.getIntegerValue();
    } else if (value.getKindCase() == Value.KindCase.DOUBLE_VALUE) {
      x = value.getDoubleValue();
    } else {
      return false;
    }
    return (!range.hasLt() || x < range.getLt()) && (!range.hasGt() || x > range.getGt())
        && (!range.hasGte() || x >= range.getGte()) && (!range.hasLte() || x <= range.getLte());
  }

  private static boolean inRange(Value value, DatetimeRange range) {
    Instant t = datetime(value);
    return t != null && (!range.hasLt() || t.isBefore(instant(range.getLt())))
        && (!range.hasGt() || t.isAfter(instant(range.getGt())))
        && (!range.hasGte() || !t.isBefore(instant(range.getGte())))
        && (!range.hasLte() || !t.isAfter(instant(range.getLte())));
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** RFC 3339 with or without an offset (UTC assumed), or a plain date; else not a datetime. */
  static Instant datetime(Value value) {
    if (!isString(value)) {
      return null;
    }
    String s = value.getStringValue();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try the forms without an offset
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a plain date
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isString(Value value) {
    return value.getKindCase() == Value.KindCase.STRING_VALUE;
  }

  /** The values at a dotted key, arrays flattened; empty when the key is missing. */
  static List<Value> values(Map<String, Value> payload, String key) {
    List<Value> current = new ArrayList<>();
    Value root = payload.get(key.split("\\.")[0].replace("[]", ""));
    if (root == null) {
      return current;
    }
    current.add(root);
    String[] parts = key.split("\\.");
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].replace("[]", "");
      List<Value> next = new ArrayList<>();
      for (Value v : flatten(current)) {
        if (v.getKindCase() == Value.KindCase.STRUCT_VALUE && v.getStructValue().containsFields(part)) {
          next.add(v.getStructValue().getFieldsOrThrow(part));
        }
      }
      current = next;
    }
    return flatten(current);
  }

  private static List<Value> flatten(List<Value> values) {
    List<Value> flat = new ArrayList<>();
    for (Value v : values) {
      if (v.getKindCase() == Value.KindCase.LIST_VALUE) {
        flat.addAll(v.getListValue().getValuesList());
      } else {
        flat.add(v);
      }
    }
    return flat;
  }
}
