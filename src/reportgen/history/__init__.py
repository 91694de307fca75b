"""Reporting periods over time: a plan's record for a period, and what changed between two.

Pure functions over the models (:mod:`reportgen.schema.history`); keeping the records on disk is
:mod:`reportgen.write.history`'s job.
"""
