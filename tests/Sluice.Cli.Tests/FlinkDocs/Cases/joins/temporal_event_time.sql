-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, Event Time Temporal Join. The page's currency_rates is a
-- Debezium topic with the row time in a metadata column; here a file with the same columns (update_time physical), its
-- versions made up to give the documented rates: EUR 1.14 from 11:49, 1.10 from 12:05. The page shows times only;
-- the date is made up.
CREATE TABLE orders (
    order_id    STRING,
    price       DECIMAL(32,2),
    currency    STRING,
    order_time  TIMESTAMP(3),
    WATERMARK FOR order_time AS order_time - INTERVAL '15' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_currency.csv', 'format' = 'csv');

CREATE TABLE currency_rates (
    currency STRING,
    conversion_rate DECIMAL(32, 2),
    update_time TIMESTAMP(3),
    WATERMARK FOR update_time AS update_time - INTERVAL '15' SECOND,
    PRIMARY KEY(currency) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = '../data/currency_rates.csv', 'format' = 'csv');

SELECT
     order_id,
     price,
     orders.currency,
     conversion_rate,
     order_time
FROM orders
LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time
ON orders.currency = currency_rates.currency;
