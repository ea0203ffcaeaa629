"""``detente train``: fits the learned event coder from annotated JSONL and exports it to ONNX.

Imports torch and transformers, so it needs the ``train`` extra (``pip install -e '.[train]'``);
nothing at run time imports this package.
"""
