-- fail: line 2, column 5: unexpected 'execution' — SET takes a quoted key and value
SET execution.runtime-mode = streaming;
SELECT 1;
