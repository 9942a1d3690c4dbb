"""govreport-kg: knowledge graphs from Chinese government work reports.

The library behind the ``kg`` command (see :mod:`kg.library`)::

    import kg
    report = kg.extract(text, name="report.txt")      # entities with offsets, relations
    rows = kg.open("output").query("SELECT ...")       # SPARQL rows; .to_dataframe()
    network = kg.open("output").to_networkx()          # the entity network

The stages below it, each a package: :mod:`kg.ingest` (bytes to sentences),
:mod:`kg.extract` (the pipeline of components), :mod:`kg.graph` (RDF,
stores, SPARQL), :mod:`kg.web` (the page and the endpoint) and
:mod:`kg.build` (corpus builds).
"""

__version__ = "0.1.0"

_LIBRARY = ("extract", "extract_file", "open", "Graph", "Rows", "Report", "Entity", "Mention", "Relation")
__all__ = list(_LIBRARY)


def __getattr__(name: str):
    # the library is imported on first use: `import kg.errors` (every
    # command does) stays free of the pipeline's imports
    if name == "extract":  # the stage's package, callable (see kg/extract/__init__.py)
        import kg.extract

        return kg.extract
    if name in _LIBRARY:
        from kg import library

        return getattr(library, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
