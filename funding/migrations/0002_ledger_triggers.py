"""On PostgreSQL, the database itself keeps the ledger's two promises: postings are never
updated or deleted, and a transaction's postings sum to zero when it commits (a deferred
constraint trigger). SQLite relies on the models and on `manage.py check_ledger`."""

from django.db import migrations

INSTALL = """
CREATE FUNCTION funding_posting_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger postings are never updated or deleted (post a reversal)';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER funding_posting_immutable
    BEFORE UPDATE OR DELETE ON funding_posting
    FOR EACH ROW EXECUTE FUNCTION funding_posting_immutable();

CREATE FUNCTION funding_transaction_balanced() RETURNS trigger AS $$
DECLARE
    total bigint;
BEGIN
    SELECT COALESCE(SUM(amount_cents), 0) INTO total
        FROM funding_posting WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance (% cents)',
            NEW.transaction_id, total;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER funding_transaction_balanced
    AFTER INSERT ON funding_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION funding_transaction_balanced();
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS funding_transaction_balanced ON funding_posting;
DROP FUNCTION IF EXISTS funding_transaction_balanced();
DROP TRIGGER IF EXISTS funding_posting_immutable ON funding_posting;
DROP FUNCTION IF EXISTS funding_posting_immutable();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_funds_allocations_orders_ledger")]

    operations = [migrations.RunPython(install, uninstall)]
