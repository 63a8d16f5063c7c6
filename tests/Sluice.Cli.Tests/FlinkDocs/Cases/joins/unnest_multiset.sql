-- Flink docs: docs/content/docs/sql/reference/queries/joins.md, UNNEST of a multiset WITH ORDINALITY: an element seen
-- twice is returned twice. The page's last row says order_1 where it means order_2 (a typo: every order gets all five
-- elements). The page says the order of a multiset's elements is not guaranteed: it shows shirt, pants, hat (its
-- runtime's hash order); Sluice's multisets hold their elements in value order (hat, pants, shirt), which numbers them
-- so.
-- compare: final
WITH ProductMultiset AS
    (SELECT COLLECT(product_name) AS product_multiset
    FROM (
            VALUES ('shirt'), ('pants'), ('hat'), ('shirt'), ('hat')
          ) AS t(product_name)) -- produces { 'shirt': 2, 'pants': 1, 'hat': 2 }
SELECT id, product_name, ordinality
FROM
    (VALUES ('order_1'), ('order_2')) AS t(id),
    ProductMultiset
         CROSS JOIN UNNEST(product_multiset) WITH
         ORDINALITY AS u(product_name, ordinality);
