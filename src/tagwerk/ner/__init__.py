"""German named-entity recognition at run time.

* :mod:`~tagwerk.ner.labels`: the GermEval labels, tagwerk's mention labels, BIO tags;
* :mod:`~tagwerk.ner.models`: the registry of model kinds (compact tagger, teacher, spaCy
  pipeline), the shipped models and their names, which model a ``ner_model`` value names, how
  each kind is loaded and the version suffix of an analysis by it;
* :mod:`~tagwerk.ner.nlp`: the shared spaCy pipeline whose tokenizer every stage uses;
* :mod:`~tagwerk.ner.tagger`: sentence pieces and the compact transformer tagger (ONNX Runtime),
  :mod:`~tagwerk.ner.cascade`: the cascade of two taggers;
* :mod:`~tagwerk.ner.e5` and :mod:`~tagwerk.ner.teacher`: the encoder file and the transformer
  teacher as a model (PyTorch, the ``teacher`` extra);
* :mod:`~tagwerk.ner.spans`: the words a model is shown and its spans back on the spaCy Doc.

The ``ner`` stage (``tagwerk.stages.ner``) runs them. The training code (the ``training``
package, ``tagwerk train ...``) builds them and imports this package, never the reverse.
"""
