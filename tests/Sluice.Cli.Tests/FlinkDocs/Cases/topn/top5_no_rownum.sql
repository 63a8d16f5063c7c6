-- Flink docs: docs/content/docs/sql/reference/queries/topn.md, No Ranking Output Optimization (row_num omitted).
-- compare: final
CREATE TABLE ShopSales (
  product_id   STRING,
  category     STRING,
  product_name STRING,
  sales        BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/shop_sales.csv', 'format' = 'csv');

SELECT product_id, category, product_name, sales
FROM (
  SELECT *,
    ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS row_num
  FROM ShopSales)
WHERE row_num <= 5;
