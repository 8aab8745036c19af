"""Reference sentence embeddings for tests/fixtures/nlu/reference_embeddings.json.

The values kefu's candle encoder must reproduce (within 1e-4): sentence-transformers'
mean-pooled, L2-normalised embeddings of the base model, loaded from its local folder.

    python3 -m venv /tmp/stvenv && /tmp/stvenv/bin/pip install sentence-transformers
    HF_HUB_OFFLINE=1 /tmp/stvenv/bin/python scripts/reference_embeddings.py \
        models/base/all-MiniLM-L6-v2 > tests/fixtures/nlu/reference_embeddings.json
"""

import json
import sys

from sentence_transformers import SentenceTransformer, models

SENTENCES = [
    "Do you have running shoes in size 42?",
    "where is my order #A-1234",
    "I'd like a cheaper one in black, please.",
    "Café crème et crêpes à emporter",
    "this jacket is great 😀👍",
    "我想买一双红色的运动鞋",
    "hi",
    "Can I return a laptop I bought three weeks ago if the box was opened but everything is still inside?",
]


def main() -> None:
    base = sys.argv[1]
    # Build the pipeline explicitly (transformer -> mean pooling -> normalize), as the
    # model's sentence-transformers config does, so no hub files are needed.
    word = models.Transformer(base, max_seq_length=128)
    pool = models.Pooling(word.get_word_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(modules=[word, pool, models.Normalize()], device="cpu")
    vecs = model.encode(SENTENCES, batch_size=4, convert_to_numpy=True)
    json.dump(
        {
            "model": "all-MiniLM-L6-v2",
            "pooling": "mean, L2-normalised",
            "sentences": SENTENCES,
            "embeddings": [[round(float(x), 7) for x in v] for v in vecs],
        },
        sys.stdout,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
