"""govreport-kg: knowledge graphs from Chinese government work reports.

The library behind the ``kg`` command::

    from kg.extract.pipeline import extract_file
    ex = extract_file("report.txt")
    [e.name for e in ex.entities if e.type == "Regulation"]
"""

__version__ = "0.1.0"
