#!/usr/bin/env bash
# Nightly PostgreSQL backup (the `backup` service of docker-compose.yml).
#
#   pg_backup.sh          one dump now
#   pg_backup.sh --loop   one dump every night at BACKUP_AT (Vietnam time), for ever
#
# Each dump is pg_dump's custom format (compressed; pg_restore can restore one table or
# all of it) written as BACKUP_DIR/childplan-YYYYmmdd-HHMM.dump, renamed into place only
# once complete. Dumps older than BACKUP_KEEP_DAYS days are deleted after a good dump.
# The connection comes from libpq's variables: PGHOST, PGUSER, PGPASSWORD, PGDATABASE.
set -euo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
BACKUP_AT=${BACKUP_AT:-02:00}  # after the 01:00 recompute, before anyone works
export TZ=${TZ:-Asia/Ho_Chi_Minh}

dump_once() {
    local name="childplan-$(date +%Y%m%d-%H%M).dump"
    mkdir -p "$BACKUP_DIR"
    pg_dump --format=custom --compress=6 --file="$BACKUP_DIR/$name.partial"
    mv "$BACKUP_DIR/$name.partial" "$BACKUP_DIR/$name"
    find "$BACKUP_DIR" -name 'childplan-*.dump' -mtime "+$BACKUP_KEEP_DAYS" -delete
    find "$BACKUP_DIR" -name 'childplan-*.dump.partial' -mmin +1440 -delete
    echo "$(date -Iseconds) backup $BACKUP_DIR/$name ($(du -h "$BACKUP_DIR/$name" | cut -f1))"
}

if [ "${1:-}" != "--loop" ]; then
    dump_once
    exit 0
fi
while true; do
    next=$(date -d "today $BACKUP_AT" +%s)
    [ "$next" -le "$(date +%s)" ] && next=$(date -d "tomorrow $BACKUP_AT" +%s)
    sleep $((next - $(date +%s)))
    # A failed dump is logged and tried again the next night; the older dumps are kept.
    dump_once || echo "$(date -Iseconds) backup FAILED" >&2
done
