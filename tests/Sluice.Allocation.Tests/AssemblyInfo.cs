// Allocation is measured per thread, but the buffer pools are shared: tests running at the same time would take each
// other's pooled buffers and make the measured thread allocate new ones.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
