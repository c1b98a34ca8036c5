package dev.imagerag.infra.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordAnalyzerTest {

  @Test
  void fileNamesSplitAtUnderscoresDotsCaseChangesAndDigits() {
    assertThat(KeywordAnalyzer.terms("IMG_2031.jpg")).containsExactly("img", "2031", "jpg");
    assertThat(KeywordAnalyzer.terms("ConnectionRefused.png")).containsExactly("connect", "refus", "png");
    assertThat(KeywordAnalyzer.terms("error404")).containsExactly("error", "404");
  }

  @Test
  void wordsAreLowerCasedFoldedAndStemmedAndPossessivesDropped() {
    assertThat(KeywordAnalyzer.terms("Café DÉJÀ-vu")).containsExactly("cafe", "deja", "vu");
    assertThat(KeywordAnalyzer.terms("the dog's bones")).containsExactly("the", "dog", "bone");
    assertThat(KeywordAnalyzer.terms("Straße Smørrebrød")).containsExactly("strass", "smorrebrod");
  }

  @Test
  void chineseAndJapaneseCharactersAreWordsOfTheirOwn() {
    assertThat(KeywordAnalyzer.terms("東京タワー tower")).containsExactly("東", "京", "タ", "ワ", "ー", "tower");
  }

  @Test
  void operatorsAndPunctuationAreNotWords() {
    assertThat(KeywordAnalyzer.terms("\"foo\" AND (bar")).containsExactly("foo", "and", "bar");
    assertThat(KeywordAnalyzer.terms("?! ... -- * \\")).isEmpty();
    assertThat(KeywordAnalyzer.terms("  \t")).isEmpty();
    assertThat(KeywordAnalyzer.terms(null)).isEmpty();
  }

  /** Pairs from Porter's paper and his reference vocabulary. */
  @Test
  void porterStemsLikeTheReferenceImplementation() {
    Map<String, String> expected = Map.ofEntries(
        Map.entry("caresses", "caress"), Map.entry("ponies", "poni"), Map.entry("cats", "cat"),
        Map.entry("agreed", "agre"), Map.entry("plastered", "plaster"), Map.entry("motoring", "motor"),
        Map.entry("sing", "sing"), Map.entry("sized", "size"), Map.entry("hopping", "hop"),
        Map.entry("falling", "fall"), Map.entry("filing", "file"), Map.entry("happy", "happi"),
        Map.entry("relational", "relat"), Map.entry("conditional", "condit"), Map.entry("rational", "ration"),
        Map.entry("digitizer", "digit"), Map.entry("vietnamization", "vietnam"), Map.entry("decisiveness", "decis"),
        Map.entry("sensibiliti", "sensibl"), Map.entry("formative", "form"), Map.entry("electrical", "electr"),
        Map.entry("adjustable", "adjust"), Map.entry("replacement", "replac"), Map.entry("adoption", "adopt"),
        Map.entry("bowdlerize", "bowdler"), Map.entry("probate", "probat"), Map.entry("rate", "rate"),
        Map.entry("cease", "ceas"), Map.entry("controll", "control"), Map.entry("generalization", "gener"),
        Map.entry("connections", "connect"), Map.entry("refused", "refus"), Map.entry("refuse", "refus"));

    expected.forEach((word, stem) -> assertThat(PorterStemmer.stem(word)).as(word).isEqualTo(stem));
  }

  @Test
  void onlyLowerCaseAsciiWordsLongerThanTwoLettersAreStemmed() {
    assertThat(PorterStemmer.stem("is")).isEqualTo("is");
    assertThat(PorterStemmer.stem("2031s")).isEqualTo("2031s");
    assertThat(PorterStemmer.stem("東京")).isEqualTo("東京");
  }
}
