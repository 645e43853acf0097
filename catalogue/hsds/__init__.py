"""Open Referral HSDS 3.0: the catalogue as open data at /api/hsds/ and as a data package.

`ids` gives every record a stable UUID, `selectors` reads only live, public pages with
their related rows in a fixed number of queries, `mapping` turns them into HSDS objects,
`views` and `urls` serve them, `tabular` writes the HSDS tabular data package. The
specification's schemas used by the export and the conformance tests are in `schemas/`
(CC BY-SA 4.0, see schemas/LICENSE and schemas/SOURCE).
"""
