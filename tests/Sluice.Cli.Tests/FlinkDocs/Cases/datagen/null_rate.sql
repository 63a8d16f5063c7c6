-- Flink docs: docs/content/docs/connectors/table/datagen.md, fields.#.null-rate "The proportion of null values" (1.0:
-- every value null) next to a sequence column, and fields.#.var-len strings of at most fields.#.length characters.
CREATE TABLE t (
  id INT,
  note STRING,
  seller VARCHAR(150)
) WITH (
  'connector' = 'datagen',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '3',
  'fields.note.null-rate' = '1.0',
  'fields.seller.var-len' = 'true',
  'fields.seller.length' = '5'
);

SELECT id, note, CHAR_LENGTH(seller) BETWEEN 1 AND 5 AS short FROM t;
