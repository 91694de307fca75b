"""The quarterly returns round trip: issue returns to lead officers, collect them, check them.

``issue`` writes one Excel return per lead officer (or per service) from each service workbook;
``collect`` reads the returned files, checks them cell by cell, reports who has not returned and
what conflicts, writes annotated ``-checked`` copies of returns with problems, archives every
return it read, and merges the quarter's values into a new service workbook for the build.

Like :mod:`reportgen.readers`, this package is an Excel boundary: openpyxl is used here.
"""
