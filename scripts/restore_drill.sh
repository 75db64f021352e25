#!/usr/bin/env bash
# Restore drill: restore the latest dump into a NEW database and compare the row count of
# every table with the source database. Exits 1 if any table differs or is missing.
#
#   scripts/restore_drill.sh [DUMP]
#
#   DUMP           a pg_dump custom-format file; default: the newest childplan-*.dump
#                  in BACKUP_DIR (default ./backups)
#   SOURCE_URL     the database the dump was taken from
#                  (default postgres://postgres@127.0.0.1:5432/childplan)
#   RESTORE_DB     the new database (default: the source's name + _restore_YYYYmmddHHMM);
#                  refused if it exists
#   KEEP=1         keep the restored database afterwards (default: dropped when it matches)
#
# Rows written to the source after the dump was taken show as differences: run the drill
# right after a dump, or on a copy that nobody writes to.
set -euo pipefail

SOURCE_URL=${SOURCE_URL:-postgres://postgres@127.0.0.1:5432/childplan}
BACKUP_DIR=${BACKUP_DIR:-./backups}
dump=${1:-$(ls -1t "$BACKUP_DIR"/childplan-*.dump 2>/dev/null | head -n1 || true)}
if [ -z "$dump" ] || [ ! -f "$dump" ]; then
    echo "No dump to restore (give a file, or set BACKUP_DIR; looked in $BACKUP_DIR)." >&2
    exit 2
fi
server=${SOURCE_URL%/*}
source_db=${SOURCE_URL##*/}
restore_db=${RESTORE_DB:-${source_db}_restore_$(date +%Y%m%d%H%M)}
target_url="$server/$restore_db"

if [ -n "$(psql "$server/postgres" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$restore_db'")" ]; then
    echo "Database $restore_db exists already: the drill restores into a new one only." >&2
    exit 2
fi
started=$(date +%s)
psql "$server/postgres" -qc "CREATE DATABASE \"$restore_db\""
pg_restore --no-owner --no-privileges --exit-on-error --jobs=2 --dbname="$target_url" "$dump"
restored=$(date +%s)

tables=$(psql "$SOURCE_URL" -Atqc "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)
    FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")
count() {
    psql "$1" -Atqc "SELECT count(*) FROM $2" 2>/dev/null || echo "missing"
}
differ=0
total=0
for table in $tables; do
    a=$(count "$SOURCE_URL" "$table")
    b=$(count "$target_url" "$table")
    total=$((total + 1))
    if [ "$a" != "$b" ]; then
        differ=$((differ + 1))
        echo "DIFFERS $table source=$a restored=$b"
    else
        echo "same    $table $a"
    fi
done
echo "{\"figure\": \"restore_drill\", \"dump\": \"$dump\", \"dump_bytes\": $(stat -c %s "$dump"), \"restore_database\": \"$restore_db\", \"restore_seconds\": $((restored - started)), \"tables\": $total, \"tables_differing\": $differ}"
if [ "$differ" -eq 0 ] && [ "${KEEP:-0}" != "1" ]; then
    psql "$server/postgres" -qc "DROP DATABASE \"$restore_db\""
fi
[ "$differ" -eq 0 ]
