-- Flink docs: docs/content/docs/connectors/table/datagen.md, "create a bounded mock table": GenOrders WITH
-- ('connector' = 'datagen', 'number-of-rows' = '10') LIKE Orders (EXCLUDING ALL); its rows are random, so the query
-- counts them and checks what the options fix (fields.#.length of strings defaults to 100; fields.#.min/max bound numbers).
-- compare: final
CREATE TABLE Orders (
    order_number BIGINT,
    price        DECIMAL(32,2),
    buyer        ROW<first_name STRING, last_name STRING>,
    order_time   TIMESTAMP(3)
) WITH ('connector' = 'kafka');

CREATE TEMPORARY TABLE GenOrders
WITH (
    'connector' = 'datagen',
    'number-of-rows' = '10',
    'fields.order_number.min' = '5',
    'fields.order_number.max' = '7'
)
LIKE Orders (EXCLUDING ALL);

SELECT COUNT(*) AS n, MIN(CHAR_LENGTH(buyer.first_name)) AS min_len, MAX(CHAR_LENGTH(buyer.last_name)) AS max_len,
  MIN(order_number) >= 5 AND MAX(order_number) <= 7 AS in_range
FROM GenOrders;
