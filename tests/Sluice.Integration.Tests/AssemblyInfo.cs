// The tests here are heavy (millions of rows, child processes, a 10 s backpressure run that measures the heap
// of this process): run them one at a time so they neither starve each other on small machines nor pollute
// each other's memory measurements.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
