"""JSON Schemas of the data formats under specs/ (`kind: docs-endpoint-table`, `kind: sdk-method-table`)."""
