#!/bin/sh
# Run by the postgres image on the first start of an empty data volume (docker-entrypoint-initdb.d):
# the two roles of the README's "Server mode" and the database, owned by the owner role. The
# migrate service then grants ledger_app its rights. A volume initialised before keeps what it
# has: run the README's SQL there instead.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set owner_password="$LEDGER_OWNER_PASSWORD" --set app_password="$LEDGER_APP_PASSWORD" <<'SQL'
CREATE ROLE ledger_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE ledger_app LOGIN PASSWORD :'app_password';
CREATE DATABASE ledger OWNER ledger_owner;
SQL
