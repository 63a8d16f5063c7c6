-- Flink docs: docs/content/docs/sql/reference/queries/topn.md, the top five products per category. The page shows no
-- data; these rows are made up. fruit: date 40, banana 30, fig 25, cherry 20, elderberry 15 (apple 10 drops out).
-- compare: final
CREATE TABLE ShopSales (
  product_id   STRING,
  category     STRING,
  product_name STRING,
  sales        BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/shop_sales.csv', 'format' = 'csv');

SELECT *
FROM (
  SELECT *,
    ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS row_num
  FROM ShopSales)
WHERE row_num <= 5;
