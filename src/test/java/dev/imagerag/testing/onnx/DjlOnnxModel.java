package dev.imagerag.testing.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One ONNX file loaded through DJL's ONNX Runtime engine, the way the app's adapter loads models:
 * {@code Model.newInstance(name, Device.cpu(), "OnnxRuntime")} then {@code load(folder, stem)}. Not
 * thread-safe (one DJL predictor).
 */
public final class DjlOnnxModel implements AutoCloseable {

  private final Model model;
  private final Predictor<NDList, NDList> predictor;

  private DjlOnnxModel(Model model) {
    this.model = model;
    this.predictor = model.newPredictor(new NoopTranslator());
  }

  /** Loads {@code onnxFile} (e.g. {@code dir/vision_model.onnx}) on the CPU. */
  public static DjlOnnxModel load(Path onnxFile) throws IOException, MalformedModelException {
    String stem = onnxFile.getFileName().toString().replaceFirst("\\.onnx$", "");
    Model model = Model.newInstance(stem, Device.cpu(), "OnnxRuntime");
    try {
      model.load(onnxFile.getParent(), stem);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
    return new DjlOnnxModel(model);
  }

  /** A manager for one call's inputs; outputs are attached to the inputs' manager. */
  public NDManager newManager() {
    return model.getNDManager().newSubManager();
  }

  /** Runs the graph; see OrtSymbolBlock for how DJL maps the arrays to graph inputs. */
  public NDList predict(NDList inputs) throws TranslateException {
    return predictor.predict(inputs);
  }

  /** The graph's input names as DJL's block describes them, in session order. */
  public List<String> inputNames() {
    return model.getBlock().describeInput().keys();
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
