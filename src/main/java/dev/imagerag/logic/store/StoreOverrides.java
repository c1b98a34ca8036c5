package dev.imagerag.logic.store;

/**
 * What one run asks of the index beside the library's settings (command-line options); null or
 * blank values keep the setting.
 *
 * @param kind "embedded" or "qdrant"
 * @param url the Qdrant gRPC endpoint
 * @param apiKey the Qdrant API key (a secret: {@link #toString()} masks it)
 * @param collection the Qdrant collection
 */
public record StoreOverrides(String kind, String url, String apiKey, String collection) {
  public static final StoreOverrides NONE = new StoreOverrides(null, null, null, null);

  /** The library's settings with these overrides applied. */
  public StoreSettings apply(StoreSettings saved) {
    return saved.withOverrides(kind, url, apiKey, collection);
  }

  @Override
  public String toString() {
    return "StoreOverrides[kind=" + kind + ", url=" + url + ", apiKey=" + (apiKey == null ? "none" : "****")
        + ", collection=" + collection + "]";
  }
}
