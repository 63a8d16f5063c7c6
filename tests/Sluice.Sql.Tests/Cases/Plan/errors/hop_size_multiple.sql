-- fail: The size of a HOP window must be a whole multiple of its slide
SELECT * FROM TABLE(HOP(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '2' MINUTE, INTERVAL '5' MINUTE));
