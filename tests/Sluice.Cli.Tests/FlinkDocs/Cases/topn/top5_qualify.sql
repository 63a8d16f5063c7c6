-- Flink docs: docs/content/docs/sql/reference/queries/topn.md, the QUALIFY form of the syntax.
-- compare: final
CREATE TABLE ShopSales (
  product_id   STRING,
  category     STRING,
  product_name STRING,
  sales        BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/shop_sales.csv', 'format' = 'csv');

SELECT *,
    ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS rownum
FROM ShopSales
QUALIFY rownum <= 5;
