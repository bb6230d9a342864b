"""The analysis engine: code relations, code × variable matrices and coding queries over the
codings held as numpy arrays. Qt-free; the facade part ``project.analysis`` is its front."""
