#!/usr/bin/env python3
"""Reads a survey's layers.parquet with pyarrow and checks it against its layers.csv, value for value.

Usage:  python3 tools/survey_parquet_check.py SURVEY_DIR
Needs pyarrow (a throwaway venv: pip install --no-index --find-links DIR pyarrow). Prints the schema, the
row count and the first differing cell, if any; exit status 0 when the two tables agree, 1 otherwise.
The tests read the same file with DuckDB (jaynes-survey ParquetTableTest); this is the pandas/Arrow side.
"""
import csv
import math
import sys

import pyarrow.parquet as pq


def main(folder):
    table = pq.read_table(f"{folder}/layers.parquet")
    print(table.schema)
    with open(f"{folder}/layers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    if table.column_names != header:
        print("columns differ:", table.column_names, header)
        return 1
    if table.num_rows != len(rows):
        print(f"rows differ: parquet {table.num_rows}, csv {len(rows)}")
        return 1
    columns = table.to_pydict()
    for c, name in enumerate(header):
        for r, text in enumerate(row[c] for row in rows):
            value = columns[name][r]
            if text == "":
                same = value is None
            elif isinstance(value, float):
                same = math.isclose(value, float(text), rel_tol=0, abs_tol=0) or value == float(text)
            elif isinstance(value, int):
                same = value == int(text)
            else:
                same = value == text
            if not same:
                print(f"row {r} column {name}: parquet {value!r}, csv {text!r}")
                return 1
    print(f"{table.num_rows} rows, {len(header)} columns: parquet and csv agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
