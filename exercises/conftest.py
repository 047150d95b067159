"""The data-track notebooks in `data/` are left blank for students, so under nbval they stop at
their first check cell with the hint (`tests/test_datatrack.py` runs them to see exactly that);
their solutions, in the hidden `.solutions/data/`, are run there too."""

collect_ignore_glob = ["data/*.ipynb"]
