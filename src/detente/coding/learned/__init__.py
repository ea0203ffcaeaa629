"""``plover.learned.v1``: an event coder learned from annotated news, run with onnxruntime.

The model (``training/``, ``detente train``) reads each sentence once and tags its triggers
with a PLOVER type, tags actor mentions, scores every (trigger, mention) pair as source, target
or neither, and predicts each trigger's modality. Mentions become actors through the shared
resolver (the article's dictionary mentions and its parse), then through the lexicon of actor
words learned from the training data. The coder's name carries the model file's hash, so a new
model is a new coder version.

Example::

    >>> parser = Parser(load_settings())
    >>> coder = LearnedCoder(load_settings(), parser.resolver)
    >>> coder.name
    'plover.learned.v1+1a2b3c4d'
"""

from __future__ import annotations

from detente.coding.learned.coder import LearnedCoder, model_dir

__all__ = ["LearnedCoder", "model_dir"]
