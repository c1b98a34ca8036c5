package dev.imagerag.testing.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a small ONNX model (one graph, default domain, opset 13) and encodes it as {@code
 * ModelProto} bytes with protobuf-java's {@link CodedOutputStream}.
 *
 * <p>No generated ONNX classes exist on our classpath, so the field numbers of {@code
 * onnx/onnx.proto} are written out below. Only what the tiny CLIP-contract models need is
 * supported: FLOAT and INT64 tensors, INT and INTS attributes, one output per node, initializers as
 * little-endian {@code raw_data}. Not thread-safe; build one model per instance.
 *
 * <pre>{@code
 * byte[] onnx = new OnnxModelWriter("double")
 *     .input("x", ElementType.FLOAT, Dim.named("batch_size"), Dim.fixed(4))
 *     .floatInitializer("two", new long[0], new float[] {2f})
 *     .node("Mul", List.of("x", "two"), "y")
 *     .output("y", ElementType.FLOAT, Dim.named("batch_size"), Dim.fixed(4))
 *     .toByteArray();
 * }</pre>
 */
public final class OnnxModelWriter {

  /** IR version 7 (ONNX 1.8) is the one released with opset 13. */
  static final long IR_VERSION = 7;

  static final long OPSET = 13;
  static final String PRODUCER = "image-rag tests";

  /** Tensor element types, with their {@code TensorProto.DataType} codes. */
  public enum ElementType {
    FLOAT(1),
    INT64(7);

    final int code;

    ElementType(int code) {
      this.code = code;
    }
  }

  /**
   * One dimension of a declared shape: a fixed size or a named, dynamic one ({@code dim_param}).
   */
  public record Dim(long value, String param) {
    public static Dim fixed(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("dimension must be >= 0: " + value);
      }
      return new Dim(value, null);
    }

    public static Dim named(String param) {
      return new Dim(-1, Objects.requireNonNull(param, "param"));
    }
  }

  /** A node attribute: one int64 ({@code INT}) or a list of them ({@code INTS}). */
  public record Attribute(String name, int type, long[] values) {
    static final int INT = 2;
    static final int INTS = 7;

    public static Attribute ofInt(String name, long value) {
      return new Attribute(name, INT, new long[] {value});
    }

    public static Attribute ofInts(String name, long... values) {
      return new Attribute(name, INTS, values.clone());
    }
  }

  private record ValueInfo(String name, ElementType type, Dim[] dims) {}

  private record Tensor(String name, ElementType type, long[] dims, byte[] raw) {}

  private record Node(String opType, List<String> inputs, String output, Attribute[] attributes) {}

  private final String graphName;
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private final List<Tensor> initializers = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();

  public OnnxModelWriter(String graphName) {
    this.graphName = Objects.requireNonNull(graphName, "graphName");
  }

  /** Declares a graph input; inputs appear to ONNX Runtime in the order they are declared. */
  public OnnxModelWriter input(String name, ElementType type, Dim... dims) {
    inputs.add(new ValueInfo(name, type, dims.clone()));
    return this;
  }

  /** Declares a graph output; some node must produce a value of that name. */
  public OnnxModelWriter output(String name, ElementType type, Dim... dims) {
    outputs.add(new ValueInfo(name, type, dims.clone()));
    return this;
  }

  /** Adds a constant float tensor, row-major, of the given shape. */
  public OnnxModelWriter floatInitializer(String name, long[] dims, float[] data) {
    checkSize(name, dims, data.length);
    ByteBuffer raw = littleEndian(data.length * Float.BYTES);
    raw.asFloatBuffer().put(data);
    initializers.add(new Tensor(name, ElementType.FLOAT, dims.clone(), raw.array()));
    return this;
  }

  /** Adds a constant int64 tensor, row-major, of the given shape. */
  public OnnxModelWriter int64Initializer(String name, long[] dims, long[] data) {
    checkSize(name, dims, data.length);
    ByteBuffer raw = littleEndian(data.length * Long.BYTES);
    raw.asLongBuffer().put(data);
    initializers.add(new Tensor(name, ElementType.INT64, dims.clone(), raw.array()));
    return this;
  }

  /** Adds a node of the default domain; nodes must be added in topological order. */
  public OnnxModelWriter node(
      String opType, List<String> nodeInputs, String output, Attribute... attributes) {
    nodes.add(new Node(opType, List.copyOf(nodeInputs), output, attributes.clone()));
    return this;
  }

  /** Writes the model to {@code file}, replacing it. */
  public void write(Path file) throws IOException {
    Files.write(file, toByteArray());
  }

  /** Encodes the whole model as {@code ModelProto} bytes. */
  public byte[] toByteArray() {
    return message(
        out -> {
          out.writeInt64(ModelField.IR_VERSION, IR_VERSION);
          out.writeString(ModelField.PRODUCER_NAME, PRODUCER);
          out.writeByteArray(ModelField.GRAPH, graph());
          // Default domain "" is the proto default, so only the version is written.
          out.writeByteArray(
              ModelField.OPSET_IMPORT, message(o -> o.writeInt64(OpsetField.VERSION, OPSET)));
        });
  }

  private byte[] graph() {
    return message(
        out -> {
          for (int i = 0; i < nodes.size(); i++) {
            out.writeByteArray(GraphField.NODE, node(nodes.get(i), i));
          }
          out.writeString(GraphField.NAME, graphName);
          for (Tensor tensor : initializers) {
            out.writeByteArray(GraphField.INITIALIZER, tensor(tensor));
          }
          for (ValueInfo input : inputs) {
            out.writeByteArray(GraphField.INPUT, valueInfo(input));
          }
          for (ValueInfo output : outputs) {
            out.writeByteArray(GraphField.OUTPUT, valueInfo(output));
          }
        });
  }

  private static byte[] node(Node node, int index) {
    return message(
        out -> {
          for (String input : node.inputs()) {
            out.writeString(NodeField.INPUT, input);
          }
          out.writeString(NodeField.OUTPUT, node.output());
          out.writeString(NodeField.NAME, node.opType() + "_" + index);
          out.writeString(NodeField.OP_TYPE, node.opType());
          for (Attribute attribute : node.attributes()) {
            out.writeByteArray(NodeField.ATTRIBUTE, attribute(attribute));
          }
        });
  }

  private static byte[] attribute(Attribute attribute) {
    return message(
        out -> {
          out.writeString(AttributeField.NAME, attribute.name());
          out.writeEnum(AttributeField.TYPE, attribute.type());
          int field = attribute.type() == Attribute.INT ? AttributeField.I : AttributeField.INTS;
          for (long value : attribute.values()) {
            out.writeInt64(field, value);
          }
        });
  }

  private static byte[] tensor(Tensor tensor) {
    return message(
        out -> {
          for (long dim : tensor.dims()) {
            out.writeInt64(TensorField.DIMS, dim);
          }
          out.writeInt32(TensorField.DATA_TYPE, tensor.type().code);
          out.writeString(TensorField.NAME, tensor.name());
          out.writeByteArray(TensorField.RAW_DATA, tensor.raw());
        });
  }

  /** ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape { dim* } } } }. */
  private static byte[] valueInfo(ValueInfo info) {
    byte[] shape =
        message(
            out -> {
              for (Dim dim : info.dims()) {
                out.writeByteArray(ShapeField.DIM, dimension(dim));
              }
            });
    byte[] tensorType =
        message(
            out -> {
              out.writeInt32(TensorTypeField.ELEM_TYPE, info.type().code);
              out.writeByteArray(TensorTypeField.SHAPE, shape);
            });
    return message(
        out -> {
          out.writeString(ValueInfoField.NAME, info.name());
          out.writeByteArray(
              ValueInfoField.TYPE,
              message(t -> t.writeByteArray(TypeField.TENSOR_TYPE, tensorType)));
        });
  }

  private static byte[] dimension(Dim dim) {
    return message(
        out -> {
          if (dim.param() == null) {
            out.writeInt64(DimensionField.DIM_VALUE, dim.value());
          } else {
            out.writeString(DimensionField.DIM_PARAM, dim.param());
          }
        });
  }

  private static void checkSize(String name, long[] dims, int length) {
    long expected = 1;
    for (long dim : dims) {
      expected *= dim;
    }
    if (expected != length) {
      throw new IllegalArgumentException(
          name + ": shape holds " + expected + " values but " + length + " were given");
    }
  }

  private static ByteBuffer littleEndian(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @FunctionalInterface
  private interface Fields {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  /** Encodes one message body; the caller writes it as a length-delimited field. */
  private static byte[] message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      fields.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  // Field numbers, as declared in onnx/onnx.proto (ONNX 1.8+; unchanged since).

  private static final class ModelField {
    static final int IR_VERSION = 1;
    static final int PRODUCER_NAME = 2;
    static final int GRAPH = 7;
    static final int OPSET_IMPORT = 8;
  }

  private static final class OpsetField {
    static final int VERSION = 2; // domain = 1
  }

  private static final class GraphField {
    static final int NODE = 1;
    static final int NAME = 2;
    static final int INITIALIZER = 5;
    static final int INPUT = 11;
    static final int OUTPUT = 12;
  }

  private static final class NodeField {
    static final int INPUT = 1;
    static final int OUTPUT = 2;
    static final int NAME = 3;
    static final int OP_TYPE = 4;
    static final int ATTRIBUTE = 5;
  }

  private static final class AttributeField {
    static final int NAME = 1;
    static final int I = 3;
    static final int INTS = 8;
    static final int TYPE = 20;
  }

  private static final class TensorField {
    static final int DIMS = 1;
    static final int DATA_TYPE = 2;
    static final int NAME = 8;
    static final int RAW_DATA = 9;
  }

  private static final class ValueInfoField {
    static final int NAME = 1;
    static final int TYPE = 2;
  }

  private static final class TypeField {
    static final int TENSOR_TYPE = 1;
  }

  private static final class TensorTypeField {
    static final int ELEM_TYPE = 1;
    static final int SHAPE = 2;
  }

  private static final class ShapeField {
    static final int DIM = 1;
  }

  private static final class DimensionField {
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;
  }
}
