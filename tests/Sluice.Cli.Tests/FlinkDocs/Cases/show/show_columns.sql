-- Flink docs: docs/content/docs/sql/reference/utility/show.md, SHOW COLUMNS EXAMPLES: show columns from orders,
-- ... like '%r', ... not like '%_r' (the table of the page's first listing).
-- compare: text
-- The page shows the null column as true/false; Flink 2 prints a BOOLEAN result column as TRUE/FALSE.
CREATE TABLE orders (
 `user` BIGINT NOT NULL,
 product VARCHAR(32),
 amount INT,
 ts TIMESTAMP(3),
 ptime AS PROCTIME(),
 PRIMARY KEY(`user`) NOT ENFORCED,
 WATERMARK FOR ts AS ts - INTERVAL '1' SECONDS
) with (
 'connector' = 'datagen'
);

show columns from orders;
show columns in orders like '%r';
show columns from orders not like '%_r';
