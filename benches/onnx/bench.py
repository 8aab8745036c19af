"""Times ONNX Runtime on the NLU benchmark queries exactly as `kefu bench nlu` times kefu:
text in, head outputs decoded (intent/sentiment softmax, slot argmax) out, so tokenization
is inside the timing on both sides. Prints one JSON object on stdout:
{"b1_p50_ms", "b1_p99_ms", "b8_qps", "b32_qps", "version", "threads"}.

    target/onnx/venv/bin/python benches/onnx/bench.py --model target/onnx/kefu-nlu.onnx \
        --tokenizer models/base/all-MiniLM-L6-v2/tokenizer.json \
        --queries benches/nlu_queries.txt --threads 2
"""

import argparse
import json
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--threads", type=int, required=True)
    args = ap.parse_args()

    queries = [l for l in open(args.queries, encoding="utf-8").read().splitlines() if l.strip()]
    tok = Tokenizer.from_file(args.tokenizer)
    tok.enable_truncation(128)
    tok.enable_padding()  # to the longest in each batch, as kefu pads (tokenizer.json says 128)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(args.model, opts, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    heads = "intent_logits" in names

    def parse(batch):
        encs = tok.encode_batch(batch)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        out = dict(zip(names, sess.run(None, {"input_ids": ids, "attention_mask": mask})))
        if heads:
            return (softmax(out["intent_logits"]), softmax(out["sentiment_logits"]),
                    out["slot_logits"].argmax(-1))
        return out["embedding"]

    for q in queries[:16]:
        parse([q])
    parse(queries[:32])
    lat = []
    for q in queries:
        t = time.perf_counter()
        parse([q])
        lat.append((time.perf_counter() - t) * 1e3)
    lat.sort()
    result = {
        "b1_p50_ms": lat[len(lat) // 2],
        "b1_p99_ms": lat[min(int(len(lat) * 0.99), len(lat) - 1)],
    }
    for bs in (8, 32):
        t = time.perf_counter()
        for i in range(0, len(queries), bs):
            parse(queries[i:i + bs])
        result[f"b{bs}_qps"] = len(queries) / (time.perf_counter() - t)
    result["version"] = ort.__version__
    result["threads"] = args.threads
    print(json.dumps(result))


if __name__ == "__main__":
    main()
