"""The name search's index on SQLite: FTS5 tables with the trigram tokenizer over the folded search keys of cases
and people, kept in step with their tables by triggers (installed by migration 0007).

On PostgreSQL the trigram GIN indexes of migration 0006 serve `search_key LIKE '%word%'` directly; SQLite's own
indexes cannot serve a LIKE that starts with a wildcard, but an FTS5 trigram table finds every row holding a
run of three letters or more (`search_key MATCH '"word"'`). The tables hold only the folded keys, which the
rows already hold; they are "external content" tables and store no copy of the text beyond the index.

On SQLite a migration that rebuilds `cases_case` or `cases_person` (adding or altering a column) drops their
triggers: such a migration ends with `RunPython(sqlite_install)` (as audit/triggers.py asks for the audit table);
test_search_index.py fails on the final schema if it does not.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = {"cases_case_search": "cases_case", "cases_person_search": "cases_person"}


# {index} and {table} are the names above, never anything anyone typed.
_STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
    "search_key, content='{table}', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table} BEGIN "
    "INSERT INTO {index} (rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} BEGIN "
    "INSERT INTO {index} ({index}, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF search_key ON {table} BEGIN "
    "INSERT INTO {index} ({index}, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO {index} (rowid, search_key) VALUES (new.id, new.search_key); END",
    # What the table held before the index existed.
    "INSERT INTO {index} ({index}) VALUES ('rebuild')",
]


def sqlite_install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for index, table in TABLES.items():
            for statement in _STATEMENTS:
                cursor.execute(statement.format(index=index, table=table))


def sqlite_uninstall(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for index in TABLES:
            for trigger in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {index}")


def quoted(needle: str) -> str:
    """`needle` as one FTS5 phrase: found wherever it occurs inside a key, whatever characters it holds."""
    return '"' + needle.replace('"', '""') + '"'
