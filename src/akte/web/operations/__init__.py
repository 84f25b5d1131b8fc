"""Operations on a whole office: `akte backup` and `akte restore` (docs/operations.md).

- `archive`: the backup's layout, its manifest (SHA-256 of every file) and safe paths;
- `sealed`: the keys, sealed under a passphrase (scrypt, AES-256-GCM);
- `database`: a consistent dump of the database (SQLite and PostgreSQL) and loading it;
- `backup`, `restore`: the two commands' work; `cli`: the commands.

Not a Django app (no models): it sits above every app and reads them all.
"""
