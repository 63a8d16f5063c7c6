-- fail: line 2, column 53: TUMBLE has no parameter 'WIDTH'; its parameters are DATA, TIMECOL, SIZE, OFFSET
SELECT * FROM TABLE(TUMBLE(DATA => TABLE ShipEvent, WIDTH => INTERVAL '1' MINUTE, TIMECOL => DESCRIPTOR(occurredAt)));
