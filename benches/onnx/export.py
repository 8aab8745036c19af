"""Builds an ONNX graph of kefu's NLU straight from the safetensors files (no PyTorch):
the BERT encoder (opset 17: Gather, LayerNormalization, MatMul, Softmax, Erf-based GELU),
mean pooling, and, with --artifact, the LoRA adapters merged into the base weights and the
intent / slot / sentiment heads. The graph is written the way a PyTorch export of a Hugging
Face BERT looks, so ONNX Runtime applies its usual BERT fusions.

Inputs: input_ids, attention_mask (int64, batch × seq, padded per batch).
Outputs: embedding (mean-pooled, L2-normalised), and with --artifact also intent_logits,
sentiment_logits, slot_logits.

    python benches/onnx/export.py --base models/base/all-MiniLM-L6-v2 \
        [--artifact models/kefu-nlu] --out target/onnx/kefu-nlu.onnx \
        [--check tests/fixtures/nlu/reference_embeddings.json]

--check runs the graph in ONNX Runtime on the fixture's sentences and fails unless every
value is within 1e-4 of sentence-transformers' embedding.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file


class Graph:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, hint):
        self.n += 1
        return f"{hint}_{self.n}"

    def const(self, array, hint="c"):
        name = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type, inputs, hint=None, **attrs):
        out = self.name(hint or op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def linear(self, x, weight, bias):
        """x · weightᵀ + bias, weight in PyTorch's [out × in] layout."""
        w = self.const(np.ascontiguousarray(weight.T.astype(np.float32)), "w")
        return self.op("Add", [self.op("MatMul", [x, w]), self.const(bias.astype(np.float32), "b")])


def load_base(base_dir):
    raw = load_file(str(Path(base_dir) / "model.safetensors"))
    prefix = "bert." if any(k.startswith("bert.embeddings.") for k in raw) else ""
    return {k[len(prefix):]: v.astype(np.float32) for k, v in raw.items() if k.startswith(prefix)}


def merge_artifact(weights, artifact_dir):
    meta = json.loads((Path(artifact_dir) / "meta.json").read_text())
    lora = meta["params"]["lora"]
    scale = lora["alpha"] / lora["rank"]
    adapter = {k: v.astype(np.float32) for k, v in load_file(str(Path(artifact_dir) / "adapter.safetensors")).items()}
    for key in adapter:
        if key.startswith("lora.") and key.endswith(".a"):
            name = key[len("lora."):-len(".a")]
            a, b = adapter[key], adapter[f"lora.{name}.b"]
            weights[f"{name}.weight"] = weights[f"{name}.weight"] + scale * (b @ a)
    return {k: v for k, v in adapter.items() if k.startswith("head.")}


def build(base_dir, artifact_dir=None):
    config = json.loads((Path(base_dir) / "config.json").read_text())
    w = load_base(base_dir)
    heads = merge_artifact(w, artifact_dir) if artifact_dir else {}
    hidden, n_heads = config["hidden_size"], config["num_attention_heads"]
    head_dim = hidden // n_heads
    eps = float(config.get("layer_norm_eps", 1e-12))
    g = Graph()

    def layer_norm(x, name):
        return g.op("LayerNormalization", [x, g.const(w[f"{name}.weight"]), g.const(w[f"{name}.bias"])],
                    axis=-1, epsilon=eps)

    ids, mask = "input_ids", "attention_mask"
    words = g.op("Gather", [g.const(w["embeddings.word_embeddings.weight"]), ids])
    seq_len = g.op("Gather", [g.op("Shape", [ids]), g.const(np.array(1, dtype=np.int64))], axis=0)
    positions = g.op("Range", [g.const(np.array(0, dtype=np.int64)), seq_len, g.const(np.array(1, dtype=np.int64))])
    pos = g.op("Gather", [g.const(w["embeddings.position_embeddings.weight"]), positions])
    x = g.op("Add", [g.op("Add", [words, pos]), g.const(w["embeddings.token_type_embeddings.weight"][0])])
    x = layer_norm(x, "embeddings.LayerNorm")
    maskf = g.op("Cast", [mask], to=TensorProto.FLOAT)
    ext = g.op("Mul", [g.op("Sub", [g.const(np.array(1.0, dtype=np.float32)), maskf]),
                       g.const(np.array(-1e4, dtype=np.float32))])
    ext = g.op("Unsqueeze", [ext, g.const(np.array([1, 2], dtype=np.int64))])
    split_shape = g.const(np.array([0, 0, n_heads, head_dim], dtype=np.int64))
    merge_shape = g.const(np.array([0, 0, hidden], dtype=np.int64))
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"

        def proj(name, inp):
            return g.linear(inp, w[f"{p}.{name}.weight"], w[f"{p}.{name}.bias"])

        q = g.op("Transpose", [g.op("Reshape", [proj("attention.self.query", x), split_shape])], perm=[0, 2, 1, 3])
        k = g.op("Transpose", [g.op("Reshape", [proj("attention.self.key", x), split_shape])], perm=[0, 2, 3, 1])
        v = g.op("Transpose", [g.op("Reshape", [proj("attention.self.value", x), split_shape])], perm=[0, 2, 1, 3])
        scores = g.op("Div", [g.op("MatMul", [q, k]), g.const(np.array(math.sqrt(head_dim), dtype=np.float32))])
        probs = g.op("Softmax", [g.op("Add", [scores, ext])], axis=-1)
        ctx = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3]), merge_shape])
        attn = layer_norm(g.op("Add", [proj("attention.output.dense", ctx), x]), f"{p}.attention.output.LayerNorm")
        inter = proj("intermediate.dense", attn)
        erf = g.op("Erf", [g.op("Div", [inter, g.const(np.array(math.sqrt(2.0), dtype=np.float32))])])
        gelu = g.op("Mul", [g.op("Mul", [inter, g.op("Add", [erf, g.const(np.array(1.0, dtype=np.float32))])]),
                            g.const(np.array(0.5, dtype=np.float32))])
        x = layer_norm(g.op("Add", [proj("output.dense", gelu), attn]), f"{p}.output.LayerNorm")

    m3 = g.op("Unsqueeze", [maskf, g.const(np.array([2], dtype=np.int64))])
    axis1 = g.const(np.array([1], dtype=np.int64))
    summed = g.op("ReduceSum", [g.op("Mul", [x, m3]), axis1], keepdims=0)
    counts = g.op("Max", [g.op("ReduceSum", [m3, axis1], keepdims=0), g.const(np.array(1e-9, dtype=np.float32))])
    pooled = g.op("Div", [summed, counts])
    norm = g.op("Sqrt", [g.op("ReduceSum", [g.op("Mul", [pooled, pooled]), axis1], keepdims=1)])
    norm = g.op("Max", [norm, g.const(np.array(1e-12, dtype=np.float32))])
    outputs = {"embedding": g.op("Div", [pooled, norm])}
    shapes = {"embedding": ["batch", hidden]}
    if heads:
        outputs["intent_logits"] = g.linear(pooled, heads["head.intent.weight"], heads["head.intent.bias"])
        outputs["sentiment_logits"] = g.linear(pooled, heads["head.sentiment.weight"], heads["head.sentiment.bias"])
        outputs["slot_logits"] = g.linear(x, heads["head.slots.weight"], heads["head.slots.bias"])
        shapes["intent_logits"] = ["batch", heads["head.intent.weight"].shape[0]]
        shapes["sentiment_logits"] = ["batch", heads["head.sentiment.weight"].shape[0]]
        shapes["slot_logits"] = ["batch", "seq", heads["head.slots.weight"].shape[0]]
    for name, tensor in outputs.items():
        g.nodes.append(helper.make_node("Identity", [tensor], [name]))
    graph = helper.make_graph(
        g.nodes, "kefu_nlu",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"]) for n in (ids, mask)],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shapes[n]) for n in outputs],
        g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="kefu")
    onnx.checker.check_model(model)
    return model


def check(model_path, base_dir, fixture):
    import onnxruntime as ort
    from tokenizers import Tokenizer

    ref = json.loads(Path(fixture).read_text())
    tok = Tokenizer.from_file(str(Path(base_dir) / "tokenizer.json"))
    tok.enable_truncation(128)
    tok.enable_padding()
    encs = tok.encode_batch(ref["sentences"])
    ids = np.array([e.ids for e in encs], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
    sess = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    got = sess.run(["embedding"], {"input_ids": ids, "attention_mask": mask})[0]
    diff = float(np.abs(got - np.array(ref["embeddings"], dtype=np.float32)).max())
    print(f"{model_path}: largest difference from sentence-transformers over "
          f"{len(encs)} sentences: {diff:.2e}")
    if diff >= 1e-4:
        sys.exit("the ONNX graph does not match the reference embeddings within 1e-4")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True)
    ap.add_argument("--artifact")
    ap.add_argument("--out", required=True)
    ap.add_argument("--check")
    args = ap.parse_args()
    model = build(args.base, args.artifact)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, args.out)
    print(f"wrote {args.out}")
    if args.check:
        check(args.out, args.base, args.check)


if __name__ == "__main__":
    main()
