-- fail: line 3, column 3: unexpected 'FORM'
SELECT *
  FORM ShipEvent;
