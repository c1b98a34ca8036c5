package dev.imagerag.infra.onnx;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.imagerag.logic.embed.EmbeddingException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * One loaded ONNX model. ONNX Runtime sessions may run concurrently, DJL predictors may not: each
 * concurrent caller borrows its own predictor from a small pool. Thread-safe.
 */
final class Session implements AutoCloseable {
  private final Model model;
  private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> idle = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> all = new ConcurrentLinkedQueue<>();
  private final List<String> inputNames;

  Session(Model model) {
    this.model = model;
    this.inputNames = model.describeInput() == null ? List.of() : model.describeInput().keys();
  }

  /** The graph's declared input names, e.g. to know whether it takes an attention mask. */
  List<String> inputNames() {
    return inputNames;
  }

  /**
   * Builds the inputs with a scratch manager, runs the graph and extracts the result while the
   * native arrays are still alive.
   */
  <R> R run(Function<NDManager, NDList> inputs, Function<NDList, R> output) {
    Predictor<NDList, NDList> predictor = borrow();
    try (NDManager scratch = model.getNDManager().newSubManager()) {
      NDList in = inputs.apply(scratch);
      NDList out = predictor.predict(in);
      try {
        return output.apply(out);
      } finally {
        out.close();
      }
    } catch (TranslateException e) {
      throw new EmbeddingException("Running the model " + model.getName() + " failed: " + e.getMessage(), e);
    } finally {
      idle.add(predictor);
    }
  }

  private Predictor<NDList, NDList> borrow() {
    Predictor<NDList, NDList> predictor = idle.poll();
    if (predictor == null) {
      predictor = model.newPredictor(new NoopTranslator());
      all.add(predictor);
    }
    return predictor;
  }

  @Override
  public void close() {
    all.forEach(Predictor::close);
    model.close();
  }
}
