package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.search.QueryTerms.Term;
import dev.imagerag.testing.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a typed query becomes weighted text and image terms. */
class QueryTermsTest {
  @TempDir Path dir;

  private static Term text(double weight, String text) {
    return new Term(weight, text, null);
  }

  @Test
  void plainTextIsOneTextTermOfWeightOne() {
    assertThat(QueryTerms.parse("red car at night")).containsExactly(text(1, "red car at night"));
  }

  @Test
  void aNumberAndColonInFrontWeighTheTerm() {
    assertThat(QueryTerms.parse("2:red car")).containsExactly(text(2, "red car"));
  }

  @Test
  void aDecimalWeightIsAccepted() {
    assertThat(QueryTerms.parse("0.5:beach")).containsExactly(text(0.5, "beach"));
  }

  @Test
  void anErrorCodeBeforeAColonIsTextNotAWeight() {
    assertThat(QueryTerms.parse("404: page not found")).containsExactly(text(1, "404: page not found"));
  }

  @Test
  void aTimeOfDayIsTextNotAWeight() {
    assertThat(QueryTerms.parse("10:30 standup")).containsExactly(text(1, "10:30 standup"));
  }

  @Test
  void plusAndMinusBetweenSpacesSeparateTerms() {
    assertThat(QueryTerms.parse("cat + sofa - dog"))
        .containsExactly(text(1, "cat"), text(1, "sofa"), text(-1, "dog"));
  }

  @Test
  void aWeightAfterAMinusIsSubtractedThatManyTimes() {
    assertThat(QueryTerms.parse("cat - 3:dog")).containsExactly(text(1, "cat"), text(-3, "dog"));
  }

  @Test
  void hyphenatedWordsStayOneTerm() {
    assertThat(QueryTerms.parse("well-known e-mail + spam"))
        .containsExactly(text(1, "well-known e-mail"), text(1, "spam"));
  }

  @Test
  void signsWithoutSpaceOnBothSidesAreNotOperators() {
    assertThat(QueryTerms.parse("c++ -O2 +1")).containsExactly(text(1, "c++ -O2 +1"));
  }

  @Test
  void aQuotedTermKeepsOperatorsInside() {
    assertThat(QueryTerms.parse("\"salt + pepper\" - sugar"))
        .containsExactly(text(1, "salt + pepper"), text(-1, "sugar"));
  }

  @Test
  void aQuotedTermMayCarryAWeight() {
    assertThat(QueryTerms.parse("\"2:red - blue\" + car")).containsExactly(text(2, "red - blue"), text(1, "car"));
  }

  @Test
  void anExistingImagePathBecomesAnImageTerm() {
    Path photo = TestImages.jpeg(dir.resolve("holiday.jpg"), 40, 30, 1);

    List<Term> terms = QueryTerms.parse(photo + " + sunset");

    assertThat(terms).containsExactly(new Term(1, null, photo), text(1, "sunset"));
    assertThat(terms.get(0).isImage()).isTrue();
  }

  @Test
  void aWeightedImagePathIsAWeightedImageTerm() {
    Path photo = TestImages.png(dir.resolve("holiday.png"), 40, 30, 1);

    assertThat(QueryTerms.parse("beach - 2:" + photo)).containsExactly(text(1, "beach"), new Term(-2, null, photo));
  }

  @Test
  void aJpgNameThatIsNoFileStaysText() {
    List<Term> terms = QueryTerms.parse(dir.resolve("missing.jpg") + " + IMG_2031.jpg");

    assertThat(terms).containsExactly(text(1, dir.resolve("missing.jpg").toString()), text(1, "IMG_2031.jpg"));
    assertThat(terms).noneMatch(Term::isImage);
  }

  @Test
  void anExistingFileThatIsNoImageStaysText() {
    Path notes = TestImages.bytes(dir.resolve("notes.txt"), new byte[] {1, 2, 3});

    assertThat(QueryTerms.parse(notes.toString())).containsExactly(text(1, notes.toString()));
  }

  @Test
  void emptyTermsBetweenOperatorsAreDropped() {
    assertThat(QueryTerms.parse("cat +  + dog")).containsExactly(text(1, "cat"), text(1, "dog"));
  }
}
