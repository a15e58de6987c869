"""Measured KPIs: dated values from CSV files, checked against the KPIs, judged against their targets.

:mod:`.csvfile` streams one file's records, :mod:`.keys` names the KPIs that
can be measured, :mod:`.load` checks the rows into one compact series per KPI,
:mod:`.status` says how each stands. Pages draw them with
:mod:`journeybook.render.kpi_spark`.
"""
