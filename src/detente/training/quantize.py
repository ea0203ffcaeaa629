"""Weight-only int8 for the exported ONNX graph: a quarter of the size, float arithmetic.

Dynamic int8 quantisation (onnxruntime's ``quantize_dynamic``) also quantises activations with a
scale computed over the whole batch, so a sentence's outputs would depend on which sentences share
its batch. Here only the large weight matrices are stored as int8 with one symmetric scale per
row, each behind a ``DequantizeLinear`` node; the runtime computes in float32 as trained.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

# Matrices smaller than this stay float: they are a rounding error of the file's size.
MIN_ELEMENTS = 16_384


def quantize_weights(source: Path, target: Path) -> None:
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    kept, added, nodes = [], [], []
    for init in graph.initializer:
        weights = numpy_helper.to_array(init)
        if weights.dtype != np.float32 or weights.ndim != 2 or weights.size < MIN_ELEMENTS:
            kept.append(init)
            continue
        scale = np.maximum(np.abs(weights).max(axis=1), 1e-12) / 127.0
        q = np.clip(np.round(weights / scale[:, None]), -127, 127).astype(np.int8)
        added += [numpy_helper.from_array(q, f"{init.name}.q8"),
                  numpy_helper.from_array(scale.astype(np.float32), f"{init.name}.scale"),
                  numpy_helper.from_array(np.zeros(len(scale), dtype=np.int8), f"{init.name}.zero")]
        nodes.append(helper.make_node("DequantizeLinear", [f"{init.name}.q8", f"{init.name}.scale", f"{init.name}.zero"],
                                      [init.name], axis=0, name=f"{init.name}.dequantize"))
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    existing = list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes + existing)
    onnx.save(model, str(target))
