"""Static shapes for exported tagger graphs (tagwerk.training.graph)."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from tagwerk.training.graph import main, simplify_file, static_shapes  # noqa: E402

HEADS, SIZE = 2, 4  # a head size of a power of two, as in the encoder: its scale is exact


def _const(name: str, value) -> onnx.NodeProto:  # noqa: ANN001
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.asarray(value)))


def _attention_like(scale_dims: bool = True) -> onnx.ModelProto:
    """x [batch, pieces, HEADS*SIZE] split into heads with a shape read at run time, scaled by
    1/sqrt(head size) read from the split tensor's shape, merged back: what PyTorch's export writes."""
    nodes = [
        helper.make_node("Shape", ["x"], ["shape"]),
        _const("i0", np.array(0, dtype=np.int64)), _const("i1", np.array(1, dtype=np.int64)),
        helper.make_node("Gather", ["shape", "i0"], ["b"]), helper.make_node("Gather", ["shape", "i1"], ["t"]),
        _const("ax", np.array([0], dtype=np.int64)),
        helper.make_node("Unsqueeze", ["b", "ax"], ["b1"]), helper.make_node("Unsqueeze", ["t", "ax"], ["t1"]),
        _const("h", np.array([HEADS], dtype=np.int64)), _const("d", np.array([SIZE], dtype=np.int64)),
        helper.make_node("Concat", ["b1", "t1", "h", "d"], ["split_shape"], axis=0),
        helper.make_node("Reshape", ["x", "split_shape"], ["heads"]),
        helper.make_node("Transpose", ["heads"], ["bhtd"], perm=[0, 2, 1, 3]),
    ]
    if scale_dims:
        nodes += [
            helper.make_node("Shape", ["bhtd"], ["shape2"]),
            _const("minus1", np.array([-1], dtype=np.int64)), _const("big", np.array([2**62], dtype=np.int64)),
            helper.make_node("Slice", ["shape2", "minus1", "big"], ["last"]),
            helper.make_node("Cast", ["last"], ["lastf"], to=TensorProto.FLOAT),
            helper.make_node("Sqrt", ["lastf"], ["root"]),
            _const("one", np.array(1.0, dtype=np.float32)),
            helper.make_node("Div", ["one", "root"], ["scale"]),
            helper.make_node("Mul", ["bhtd", "scale"], ["scaled"]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["bhtd"], ["scaled"]))
    nodes += [
        helper.make_node("Transpose", ["scaled"], ["back"], perm=[0, 2, 1, 3]),
        _const("hd", np.array([HEADS * SIZE], dtype=np.int64)),
        helper.make_node("Concat", ["b1", "t1", "hd"], ["merge_shape"], axis=0),
        helper.make_node("Reshape", ["back", "merge_shape"], ["y"]),
    ]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "pieces", HEADS * SIZE])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "pieces", HEADS * SIZE])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


def test_static_shapes_removes_the_shape_bookkeeping_and_keeps_the_outputs():
    before = _attention_like()
    after = static_shapes(before)
    ops = [n.op_type for n in after.graph.node]
    assert "Shape" not in ops and "Concat" not in ops and "Sqrt" not in ops and "Constant" not in ops
    assert ops.count("Reshape") == 2 and ops.count("Mul") == 1
    targets = {t.name: numpy_helper.to_array(t).tolist() for t in after.graph.initializer}
    reshapes = [n for n in after.graph.node if n.op_type == "Reshape"]
    assert [targets[n.input[1]] for n in reshapes] == [[0, 0, HEADS, SIZE], [0, 0, HEADS * SIZE]]
    scale = next(n for n in after.graph.node if n.op_type == "Mul").input[1]
    assert np.allclose(targets[scale], 1 / np.sqrt(SIZE))
    rng = np.random.default_rng(0)
    for shape in ((1, 1, HEADS * SIZE), (3, 7, HEADS * SIZE)):
        x = rng.standard_normal(shape).astype(np.float32)
        assert np.array_equal(_run(before, x), _run(after, x))
    # the input model is left as it was
    assert [n.op_type for n in before.graph.node].count("Shape") == 2


def test_simplify_file_keeps_a_rewrite_only_with_the_same_outputs(tmp_path, monkeypatch):
    path = tmp_path / "encoder.onnx"
    onnx.save(_attention_like(scale_dims=False), str(path))
    feeds = [{"x": np.arange(2 * 5 * HEADS * SIZE, dtype=np.float32).reshape(2, 5, HEADS * SIZE)}]
    assert simplify_file(path, feeds) == (18, 5)  # left: 2 reshapes, 2 transposes, the identity
    assert "Shape" not in {n.op_type for n in onnx.load(str(path)).graph.node}

    # a rewrite that changed the outputs is not written
    import tagwerk.training.graph as graph_module

    def wrong(model):  # noqa: ANN001, ANN202
        model = onnx.ModelProto.FromString(model.SerializeToString())
        model.graph.node.append(helper.make_node("Neg", ["y"], ["y_neg"]))
        model.graph.output[0].name = "y_neg"
        return model

    onnx.save(_attention_like(scale_dims=False), str(path))
    data = path.read_bytes()
    monkeypatch.setattr(graph_module, "static_shapes", wrong)
    assert simplify_file(path, feeds) is None
    assert path.read_bytes() == data


def test_main_rewrites_the_shipped_taggers_form_of_folder(tmp_path, capsys):
    folder = tmp_path / "tagger"
    folder.mkdir()
    (folder / "tagger.json").write_text('{"hidden": 8}', encoding="utf-8")
    model = _attention_like()
    model.graph.input[0].name = "emb"
    for node in model.graph.node:
        node.input[:] = ["emb" if i == "x" else i for i in node.input]
    mask = helper.make_tensor_value_info("mask", TensorProto.BOOL, ["batch", "pieces"])
    model.graph.input.append(mask)
    onnx.save(model, str(folder / "encoder.onnx"))
    assert main([str(folder)]) == 0
    assert "the same outputs" in capsys.readouterr().out
    assert main([]) == 2
