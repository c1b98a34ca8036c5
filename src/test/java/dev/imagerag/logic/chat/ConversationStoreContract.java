package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.caption.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationStore} does; extended by each implementation's test. */
public abstract class ConversationStoreContract {
  private static final ImageId A = new ImageId("a".repeat(64));
  private static final ImageId B = new ImageId("b".repeat(64));
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

  protected abstract ConversationStore store();

  private static ChatTurn turn(String question, Instant at) {
    return new ChatTurn(0, question, "It is 5 EUR [Image 2].", true, AnswerStatus.COMPLETE,
        List.of(new TurnImage(1, A, "/in/a.png", 0.5, false), new TurnImage(2, B, "/in/b.png", 0.25, true)),
        new TokenUsage(900, 20), "gpt-test", null, at);
  }

  @Test
  void aTurnComesBackAsItWasAppendedWithItsPosition() {
    ConversationSummary created = store().create("Totals", T0);

    ChatTurn stored = store().append(created.id(), turn("What is the total?", T0.plusSeconds(1)));

    assertThat(stored).isEqualTo(turn("What is the total?", T0.plusSeconds(1)).withSeq(1));
    Conversation loaded = store().load(created.id()).orElseThrow();
    assertThat(loaded.turns()).containsExactly(stored);
    assertThat(loaded.summary().title()).isEqualTo("Totals");
    assertThat(loaded.summary().turns()).isEqualTo(1);
    assertThat(loaded.turns().get(0).citations()).singleElement()
        .isEqualTo(new Citation(2, B, "/in/b.png", 0.25));
  }

  @Test
  void turnsAreNumberedInOrder() {
    long id = store().create("c", T0).id();
    store().append(id, turn("one", T0));
    store().append(id, turn("two", T0));

    assertThat(store().load(id).orElseThrow().turns()).extracting(ChatTurn::seq, ChatTurn::question)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "one"), org.assertj.core.groups.Tuple.tuple(2, "two"));
  }

  @Test
  void failedAndUnsavedFieldsRoundTrip() {
    long id = store().create("c", T0).id();
    ChatTurn failed = new ChatTurn(0, "q", "partial", true, AnswerStatus.FAILED, List.of(), TokenUsage.NONE, null,
        "The connection broke.", T0);

    assertThat(store().append(id, failed)).isEqualTo(failed.withSeq(1));
    assertThat(store().load(id).orElseThrow().turns().get(0)).isEqualTo(failed.withSeq(1));
  }

  @Test
  void theMostRecentlyUsedConversationIsListedFirst() {
    long older = store().create("older", T0).id();
    long newer = store().create("newer", T0.plusSeconds(10)).id();
    store().append(older, turn("q", T0.plusSeconds(20)));

    assertThat(store().list(10)).extracting(ConversationSummary::id).containsExactly(older, newer);
    assertThat(store().list(1)).extracting(ConversationSummary::id).containsExactly(older);
    assertThat(store().list(10).get(0).updatedAt()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void renameAndDeleteSayWhetherTheConversationExisted() {
    long id = store().create("c", T0).id();
    store().append(id, turn("q", T0));

    assertThat(store().rename(id, "Renamed")).isTrue();
    assertThat(store().load(id).orElseThrow().summary().title()).isEqualTo("Renamed");
    assertThat(store().delete(id)).isTrue();
    assertThat(store().load(id)).isEmpty();
    assertThat(store().delete(id)).isFalse();
    assertThat(store().rename(id, "x")).isFalse();
  }

  @Test
  void appendingToAnUnknownConversationFails() {
    assertThatThrownBy(() -> store().append(424242, turn("q", T0))).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aDeletedConversationsIdIsNotReused() {
    long first = store().create("a", T0).id();
    store().delete(first);

    assertThat(store().create("b", T0).id()).isNotEqualTo(first);
  }
}
