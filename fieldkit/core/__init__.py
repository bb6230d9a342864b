"""Pure-Python domain of fieldkit: types, codebook, re-anchoring, undo, agreement, errors.

Nothing in here imports from storage, index, importers, exporters or the GUI.
"""
