"""Static shapes for an exported tagger graph: the same arithmetic with less shape bookkeeping.

PyTorch's ONNX export writes each attention layer's head split as ``Reshape`` to a shape built at
run time (``Shape`` → ``Gather`` → ``Unsqueeze`` → ``Concat``), and the attention scale as a chain
from the head size (``Shape`` → ``Slice`` → ``Cast`` → ``Sqrt`` → ``Div`` → ``Sqrt``). ONNX Runtime
runs these small nodes one by one, a dispatch each, for every batch: about a tenth of the graph's
nodes' time on the batches of the ``ner`` stage. :func:`static_shapes` rewrites the graph:

- a ``Reshape`` whose target shape is made of constants and of dimension *i* of some tensor at
  position *i* gets a constant target with ``0`` there (ONNX: copy that dimension of the input);
- every node whose inputs are constants, or the static part of a shape, is computed once and
  becomes an initializer;
- nodes nothing reads any more are dropped.

The first rule assumes that the tensor whose shape was read and the reshaped one agree in those
leading dimensions (batch and pieces, in this encoder), so :func:`simplify_file` keeps a rewrite
only when ONNX Runtime gives bit-identical outputs for both graphs. The ``ner`` stage leaves ONNX
Runtime's ``MatMulScaleFusion`` off (:data:`tagwerk.ner.tagger.DISABLED_FUSIONS`): with a constant
scale it would fold the two scalings of queries and keys into the product, which rounds otherwise.

    python -m tagwerk.training.graph TAGGER_DIR ...   # rewrite exported tagger folders in place

Needs the ``onnx`` package (the ``teacher`` extra); the rewritten graph needs nothing new.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np


def static_shapes(model):
    """A copy of ``model`` (an ``onnx.ModelProto``) rewritten as the module describes."""
    import onnx

    model = onnx.ModelProto.FromString(model.SerializeToString())
    _constant_reshapes(model.graph)
    _fold(model)
    _drop_dead(model.graph)
    return model


def _constants(graph) -> dict[str, np.ndarray]:
    from onnx import numpy_helper

    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and len(node.attribute) == 1 and node.attribute[0].name == "value":
            values[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return values


def _constant_reshapes(graph) -> None:
    from onnx import numpy_helper

    made = {o: n for n in graph.node for o in n.output}
    consts = _constants(graph)

    def dim_at(name: str, position: int) -> bool:
        """``name`` is dimension ``position`` of some tensor, as a 1-element vector."""
        unsq = made.get(name)
        gather = made.get(unsq.input[0]) if unsq is not None and unsq.op_type == "Unsqueeze" else None
        if gather is None or gather.op_type != "Gather" or gather.input[1] not in consts:
            return False
        shape = made.get(gather.input[0])
        return shape is not None and shape.op_type == "Shape" and not shape.attribute \
            and np.asarray(consts[gather.input[1]]).reshape(-1).tolist() == [position]

    for node in graph.node:
        concat = made.get(node.input[1]) if node.op_type == "Reshape" else None
        if concat is None or concat.op_type != "Concat":
            continue
        target: list[int] = []
        for position, part in enumerate(concat.input):
            if part in consts and np.asarray(consts[part]).size == 1:
                target.append(int(np.asarray(consts[part]).reshape(-1)[0]))
            elif dim_at(part, position):
                target.append(0)
            else:
                break
        else:
            name = f"{node.output[0]}_static_shape"
            graph.initializer.append(numpy_helper.from_array(np.array(target, dtype=np.int64), name))
            node.input[1] = name


def _fold(model) -> None:
    """Compute once every node whose inputs are known; a ``Shape`` is known in its static
    dimensions, and a ``Slice`` or ``Gather`` of those alone is known."""
    from onnx import numpy_helper, shape_inference

    graph = model.graph
    inferred = shape_inference.infer_shapes(model)
    dims: dict[str, list] = {}
    for info in (*inferred.graph.value_info, *inferred.graph.input, *inferred.graph.output):
        ttype = info.type.tensor_type
        if ttype.HasField("shape"):
            dims[info.name] = [d.dim_value if d.HasField("dim_value") else None for d in ttype.shape.dim]
    known = _constants(graph)
    partial: dict[str, np.ndarray] = {}
    folded: set[int] = set()
    for k, node in enumerate(graph.node):
        if node.op_type == "Constant":
            if node.output[0] in known:
                folded.add(k)
            continue
        if node.op_type == "Shape" and not node.attribute and node.input[0] in dims:
            partial[node.output[0]] = np.array(dims[node.input[0]], dtype=object)
            continue
        if node.op_type in ("Slice", "Gather") and node.input[0] in partial \
                and all(i in known for i in node.input[1:] if i):
            value = _index(node, partial[node.input[0]], [known[i] for i in node.input[1:] if i])
            if value is not None:
                known[node.output[0]] = value
                folded.add(k)
            continue
        inputs = [i for i in node.input if i]
        if inputs and all(i in known for i in inputs) and node.domain in ("", "ai.onnx"):
            for name, value in zip(node.output, _evaluate(node, [known[i] for i in inputs], model.opset_import),
                                   strict=True):
                known[name] = np.asarray(value)
            folded.add(k)
    if not folded:
        return
    have = {t.name for t in graph.initializer}
    kept = [n for k, n in enumerate(graph.node) if k not in folded]
    for name in [*(i for n in kept for i in n.input), *(o.name for o in graph.output)]:
        if name in known and name not in have:
            graph.initializer.append(numpy_helper.from_array(np.asarray(known[name]), name))
            have.add(name)
    del graph.node[:]
    graph.node.extend(kept)


def _index(node, shape: np.ndarray, args: list[np.ndarray]) -> np.ndarray | None:
    """``Slice`` (starts, ends, axes 0 only, step 1) or ``Gather`` (axis 0) of a partly known shape;
    None where the result holds an unknown dimension."""
    if node.op_type == "Gather":
        if any(a.name == "axis" and a.i != 0 for a in node.attribute):
            return None
        picked = shape[np.asarray(args[0])]
    else:
        if len(args) > 2 and np.asarray(args[2]).reshape(-1).tolist() not in ([0], [-1]):  # a shape has one axis
            return None
        if len(args) > 3 and np.asarray(args[3]).reshape(-1).tolist() != [1]:
            return None
        start, end = (int(np.asarray(a).reshape(-1)[0]) for a in args[:2])
        picked = shape[start:end]
    flat = np.ravel(picked)
    if any(v is None for v in flat):
        return None
    return np.asarray(picked, dtype=np.int64)


def _evaluate(node, values: list[np.ndarray], opsets) -> list:
    """One node's outputs, computed by ONNX's reference runtime."""
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    names = [f"in{k}" for k in range(len(values))]
    outs = [f"out{k}" for k in range(len(node.output))]
    single = helper.make_node(node.op_type, names, outs, domain=node.domain)
    single.attribute.extend(node.attribute)
    graph = helper.make_graph([single], "fold", [helper.make_tensor_value_info(n, TensorProto.UNDEFINED, None) for n in names],
                              [helper.make_tensor_value_info(n, TensorProto.UNDEFINED, None) for n in outs])
    return list(ReferenceEvaluator(helper.make_model(graph, opset_imports=opsets)).run(None, dict(zip(names, values, strict=True))))


def _drop_dead(graph) -> None:
    """Drop nodes whose outputs nothing reads, and initializers no node reads."""
    needed = {o.name for o in graph.output}
    live = []
    for node in reversed(list(graph.node)):
        if any(o in needed for o in node.output):
            live.append(node)
            needed.update(i for i in node.input if i)
    del graph.node[:]
    graph.node.extend(reversed(live))
    used = [t for t in graph.initializer if t.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(used)


def simplify_file(path: str | Path, feeds: Sequence[Mapping[str, np.ndarray]]) -> tuple[int, int] | None:
    """Rewrite the ONNX file ``path`` with :func:`static_shapes` if ONNX Runtime gives the same
    outputs, bit for bit, for each of ``feeds`` (input name → array); the node counts before and
    after, or None where the rewrite was not kept."""
    import onnx

    from tagwerk.ner.tagger import encoder_session

    path = Path(path)
    before = onnx.load(str(path))
    after = static_shapes(before)
    onnx.checker.check_model(after)
    data = after.SerializeToString()
    old, new = encoder_session(path), encoder_session(data)
    for feed in feeds:
        for x, y in zip(old.run(None, dict(feed)), new.run(None, dict(feed)), strict=True):
            if x.shape != y.shape or not np.array_equal(x, y):
                return None
    path.write_bytes(data)
    return len(before.graph.node), len(after.graph.node)


def tagger_feeds(folder: str | Path, seed: int = 0) -> list[dict[str, np.ndarray]]:
    """Inputs for a tagger folder's graph (``tagger.json``): random piece embeddings in batches of
    three shapes, the masks with rows of different lengths, and a pooling model's pooling inputs."""
    from tagwerk.ner.models import TAGGER_FILE
    from tagwerk.ner.tagger import pool_index

    meta = json.loads((Path(folder) / TAGGER_FILE).read_text(encoding="utf-8"))
    rng = np.random.default_rng(seed)
    feeds = []
    for rows, width in ((1, 5), (3, 11), (4, 23)):
        lengths = [width - 2 * i if width - 2 * i > 2 else width for i in range(rows)]
        mask = np.zeros((rows, width), dtype=bool)
        for i, n in enumerate(lengths):
            mask[i, :n] = True
        feed = {"emb": rng.standard_normal((rows, width, int(meta["hidden"]))).astype(np.float32), "mask": mask}
        if meta.get("pool_after"):
            firsts = [list(range(1, n - 1, 2)) or [1] for n in lengths]
            feed["pool"], feed["keep_mask"] = pool_index(mask, firsts, str(meta.get("pool", "first")))
        feeds.append(feed)
    return feeds


def main(argv: list[str] | None = None) -> int:
    folders = sys.argv[1:] if argv is None else argv
    if not folders:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)  # noqa: T201 - a script entry point
        print("usage: python -m tagwerk.training.graph TAGGER_DIR ...", file=sys.stderr)  # noqa: T201 - a script entry point
        return 2
    for folder in folders:
        counts = simplify_file(Path(folder) / "encoder.onnx", tagger_feeds(folder))
        if counts is None:
            print(f"{folder}: not rewritten (the outputs would differ)")  # noqa: T201 - a script entry point
        else:
            print(f"{folder}: {counts[0]} nodes -> {counts[1]}, the same outputs")  # noqa: T201 - a script entry point
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
