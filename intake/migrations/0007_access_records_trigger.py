"""On PostgreSQL, the database itself keeps access records append-only, as funding 0002 does
for the ledger: no UPDATE, no DELETE, whatever the SQL. Two paths stay open:

- the retention task's delete (`ImmutableQuerySet.purge`), which names the table in the
  transaction-local setting `rete.purge` first;
- emptying `actor_id` or `citizen_id` and nothing else: Django's SET_NULL when an account is
  deleted (a staff user, or a registration never activated), the names staying as text.

SQLite relies on the model (catalogue/immutable.py)."""

from django.db import migrations

INSTALL = """
CREATE FUNCTION intake_accessrecord_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('rete.purge', true) = TG_TABLE_NAME THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access records are deleted only by the retention task';
    END IF;
    IF (NEW.actor_id IS NULL OR NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id)
        AND (NEW.citizen_id IS NULL OR NEW.citizen_id IS NOT DISTINCT FROM OLD.citizen_id)
        AND to_jsonb(NEW) - 'actor_id' - 'citizen_id' = to_jsonb(OLD) - 'actor_id' - 'citizen_id'
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access records are never updated';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER intake_accessrecord_append_only
    BEFORE UPDATE OR DELETE ON intake_accessrecord
    FOR EACH ROW EXECUTE FUNCTION intake_accessrecord_append_only();
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS intake_accessrecord_append_only ON intake_accessrecord;
DROP FUNCTION IF EXISTS intake_accessrecord_append_only();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("intake", "0006_access_records")]

    operations = [migrations.RunPython(install, uninstall)]
