SELECT o.id, t.item, t.pos
FROM Orders AS o
CROSS JOIN UNNEST(o.items) WITH ORDINALITY AS t (item, pos);
SELECT s, w FROM Sentences, LATERAL TABLE(SPLIT_WORDS(s)) AS T(w);
