"""Packaging beyond what pyproject.toml can say: the top-level ``resources/`` folder (the source
of truth for demo recipes, translations, icons and styles) ships inside the package as
``fieldkit.resources``, in wheels and editable installs alike."""

from setuptools import find_namespace_packages, find_packages, setup

# each folder of resources/ (demo, i18n, ...) is a data-only part of fieldkit.resources
RESOURCES = ["fieldkit.resources", *(
    f"fieldkit.resources.{name}"
    for name in find_namespace_packages(where="resources", exclude=["*__pycache__*"]))]

setup(
    packages=[*find_packages(include=["fieldkit*"]), *RESOURCES],
    package_dir={"fieldkit.resources": "resources"},
    package_data={name: ["*"] for name in RESOURCES},
    exclude_package_data={name: ["*.pyc"] for name in RESOURCES},
)
