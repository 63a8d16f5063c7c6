-- Flink docs: docs/content/docs/sql/reference/utility/show.md, SHOW CREATE TABLE orders.
-- compare: text
-- The page prints the table through the Java API's box and with ") WITH (" on one line; the SQL client prints the
-- statement itself, and Flink 2's ShowCreateUtil puts WITH on its own line.
CREATE TABLE orders (
  order_id BIGINT NOT NULL comment 'this is the primary key, named ''order_id''.',
  product VARCHAR(32),
  amount INT,
  ts TIMESTAMP(3) comment 'notice: watermark, named ''ts''.',
  ptime AS PROCTIME() comment 'notice: computed column, named ''ptime''.',
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND,
  CONSTRAINT `PK_order_id` PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'datagen'
);

show create table orders;
