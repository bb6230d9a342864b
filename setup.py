"""Packaging beyond what pyproject.toml can say: the top-level ``resources/`` folder (the source
of truth for demo recipes, translations, icons and styles) ships inside the package as
``fieldkit.resources``, in wheels and editable installs alike."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["fieldkit*"]), "fieldkit.resources"],
    package_dir={"fieldkit.resources": "resources"},
    package_data={"fieldkit.resources": ["*/*", "*/*/*"]},
)
