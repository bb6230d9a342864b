"""Exporters: project data → files colleagues and other tools can open.

``docx`` (coded segments per code, for Word), ``annotated`` (one document with its codings as
Word comments), ``tables`` (Excel workbook or CSV files), ``refi_writer`` (REFI-QDA ``.qdpx``
projects and ``.qdc`` codebooks). Every exporter writes to a temporary file first and moves it into
place at the end, so a failed or cancelled export leaves nothing half-written; zip-based outputs
get fixed entry timestamps so the same project gives the same bytes.
"""
