package dev.imagerag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The outcome of one CLI invocation: exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** stdout parsed as one JSON object. */
  public JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + out, e);
    }
  }

  /** stdout parsed as JSON lines. */
  public List<JsonNode> jsonLines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\\R")) {
      if (!line.isBlank()) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException("not a JSON line: " + line, e);
        }
      }
    }
    return lines;
  }
}
