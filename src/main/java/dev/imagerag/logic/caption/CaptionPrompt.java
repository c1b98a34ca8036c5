package dev.imagerag.logic.caption;

/**
 * What the vision model is asked, written for retrieval: the answer feeds keyword search, text
 * embeddings and tag filters, so it favours concrete nouns and verbatim text over style.
 * Captioners that send this prompt report {@link #VERSION} as their prompt version.
 */
public final class CaptionPrompt {
  /** Bump when the text or the answer's fields change: every image is captioned again. */
  public static final String VERSION = "p1";

  public static final String TEXT = """
      Describe this image so that it can be found again by searching for words.
      Answer with one JSON object and nothing else, with these keys:
      "description": one or two plain sentences saying what the image shows;
      "elements": a list of the key objects, people, places or user-interface parts visible;
      "text": all legible text in the image, verbatim, lines separated by \\n ("" if none);
      "tags": 5 to 10 lowercase keywords someone might search for;
      "category": one of "photo", "screenshot", "chart", "diagram", "document", "receipt", "other".
      Do not guess names of people you do not recognise from visible text.""";

  private CaptionPrompt() {}
}
