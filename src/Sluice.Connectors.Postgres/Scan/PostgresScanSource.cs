using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Scan;

/// <summary>
/// A bounded scan of a PostgreSQL table: one split, or with a partition column <c>num</c> splits over
/// [lower, upper] cut into ranges of equal width (<see cref="PartitionBounds"/>; the first and last open-ended, so that
/// no row is missed; rows whose partition value is NULL belong to the first). Each split is read in key order in queries of <c>fetch-size</c> rows, so a checkpoint
/// records the last key emitted and a restore resumes after it.
/// </summary>
internal sealed class PostgresScanSource(PostgresScanOptions options) : ISource<PostgresScanSplit>
{
    public PostgresScanOptions Options => options;

    public Boundedness Boundedness => Boundedness.Bounded;

    public ITypeSerializer<PostgresScanSplit> SplitSerializer => PostgresScanSplit.Serializer;

    public IReadOnlyList<PostgresScanSplit> DiscoverSplits(int parallelism)
    {
        if (options.PartitionColumn is null || options.PartitionCount <= 1)
        {
            return [new PostgresScanSplit(0, 1, null, null, null)];
        }

        var cuts = PartitionBounds.Cuts(options.LowerBound!, options.UpperBound!, options.PartitionCount);
        var count = cuts.Count + 1;
        var splits = new List<PostgresScanSplit>(count);
        for (var i = 0; i < count; i++)
        {
            splits.Add(new PostgresScanSplit(i, count, i == 0 ? null : cuts[i - 1], i == count - 1 ? null : cuts[i], null));
        }

        return splits;
    }

    public ISourceReader<PostgresScanSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PostgresScanReader(options, context.TimeProvider);
    }
}
