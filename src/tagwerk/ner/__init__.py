"""German named-entity recognition: the labels, the shipped models and how to load them, the
compact transformer tagger run by ONNX Runtime and its cascade, and the shared spaCy pipeline
whose tokenizer every stage uses. The ``ner`` stage (``tagwerk.stages.ner``) runs them; the
training code (``tagwerk.training``) builds them and imports this package, never the reverse."""
