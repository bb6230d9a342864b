"""The desktop app (PySide6). The only package of fieldkit that imports Qt.

Everything goes through the ``Project`` facade; long work runs through ``runner.JobRunner``;
change sets from the project arrive on the GUI thread through ``bridge.ProjectBridge``.
"""
