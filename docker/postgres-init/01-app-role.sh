#!/bin/sh
# Runs once, when the database is first initialised: the application role, with no owner rights.
# The migration job grants it exactly what it needs (src/database/prepare-database.ts).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE situation_app LOGIN PASSWORD '${APP_DB_PASSWORD}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
SQL
