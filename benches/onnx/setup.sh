#!/usr/bin/env sh
# Creates the Python environment `kefu bench nlu` uses for the ONNX Runtime side of the
# comparison, then exports the ONNX graph (no PyTorch needed: the graph is built directly
# from model.safetensors) and checks it against sentence-transformers' reference vectors.
#
#   sh benches/onnx/setup.sh [base-dir] [artifact-dir]
#
# Defaults: models/base/all-MiniLM-L6-v2 and models/kefu-nlu. Everything goes to target/onnx/.
set -eu
BASE=${1:-models/base/all-MiniLM-L6-v2}
ARTIFACT=${2:-models/kefu-nlu}
VENV=target/onnx/venv
mkdir -p target/onnx
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet onnx onnxruntime numpy safetensors tokenizers
"$VENV/bin/python" benches/onnx/export.py --base "$BASE" --artifact "$ARTIFACT" --out target/onnx/kefu-nlu.onnx
"$VENV/bin/python" benches/onnx/export.py --base "$BASE" --out target/onnx/base.onnx \
    --check tests/fixtures/nlu/reference_embeddings.json
