"""The parts of the ``fieldkit.project.Project`` facade, one module each.

Each part (``project.index``, ``project.imports``, ``project.exports``, ``project.agreement``,
``project.merge``, ``project.assist``, ``project.backups``, ``project.memos``,
``project.recordings``, ``project.analysis``, ``project.sets``, ``project.retrieval``) is built
once in ``Project.__init__`` with the project and its store. Parts use the store's methods and
the storage modules; they never speak SQL themselves (see ``docs/architecture.md``).
"""
