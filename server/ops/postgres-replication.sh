#!/bin/sh
# Runs once, when the primary's data volume is initialised (docker-entrypoint-initdb.d): lets the
# read replica (postgres-replica in docker-compose.yml) stream WAL as ${POSTGRES_USER}. The image's
# own pg_hba.conf line covers "all" databases, which in PostgreSQL does not include replication.
# (wal_level=replica and max_wal_senders=10 are PostgreSQL's defaults.) On a volume made before this
# file existed, add the line to pg_hba.conf by hand and reload.
set -e
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
