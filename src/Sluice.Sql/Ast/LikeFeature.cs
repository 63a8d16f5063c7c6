namespace Sluice.Sql.Ast;

/// <summary>The feature of a <see cref="LikeOption"/>.</summary>
public enum LikeFeature
{
    /// <summary><c>ALL</c>.</summary>
    All,

    /// <summary><c>CONSTRAINTS</c>.</summary>
    Constraints,

    /// <summary><c>DISTRIBUTION</c> (Flink 2's bucketing).</summary>
    Distribution,

    /// <summary><c>GENERATED</c>.</summary>
    Generated,

    /// <summary><c>METADATA</c>.</summary>
    Metadata,

    /// <summary><c>OPTIONS</c>.</summary>
    Options,

    /// <summary><c>PARTITIONS</c>.</summary>
    Partitions,

    /// <summary><c>WATERMARKS</c>.</summary>
    Watermarks,
}
