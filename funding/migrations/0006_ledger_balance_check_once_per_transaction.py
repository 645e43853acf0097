"""On PostgreSQL, the deferred check that a ledger transaction's postings sum to zero runs
once per transaction, not once per posting: an upload's grant of 5,000 credits has 5,001
postings, and summing them all again for each made the commit quadratic (1.9 s of the
confirmation of 5,000 employees).

The first posting's check sums the transaction and notes, in a transaction-local setting,
which transaction it summed and its highest posting id; a later posting of the same
transaction with an id not above that was in the sum, so its check is done. A posting
inserted after the sum (after `SET CONSTRAINTS ... IMMEDIATE`) has a higher id (the ids
come from one identity sequence without a per-session cache, Django's default) and sums
again. One setting name for every transaction, so a session does not collect names.
"""

from django.db import migrations

ONCE = """
CREATE OR REPLACE FUNCTION funding_transaction_balanced() RETURNS trigger AS $$
DECLARE
    total bigint;
    last_id bigint;
    summed text := current_setting('funding.balanced_up_to', true);
BEGIN
    IF summed IS NOT NULL AND summed <> ''
            AND split_part(summed, ':', 1)::bigint = NEW.transaction_id
            AND NEW.id <= split_part(summed, ':', 2)::bigint THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(SUM(amount_cents), 0), MAX(id) INTO total, last_id
        FROM funding_posting WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance (% cents)',
            NEW.transaction_id, total;
    END IF;
    PERFORM set_config('funding.balanced_up_to', NEW.transaction_id || ':' || last_id, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

EACH_POSTING = """
CREATE OR REPLACE FUNCTION funding_transaction_balanced() RETURNS trigger AS $$
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
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ONCE, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(EACH_POSTING, params=None)


class Migration(migrations.Migration):
    dependencies = [("funding", "0005_delivery_decision_note")]

    operations = [migrations.RunPython(install, uninstall)]
