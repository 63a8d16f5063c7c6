using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Flink's <c>CREATE TABLE ... LIKE source (options)</c> merging. Physical columns of the source are always
/// inherited; each feature (generated columns, metadata columns, constraints, partitions, watermarks, options) is
/// <c>INCLUDING</c> (inherited; the new table may not redefine it), <c>EXCLUDING</c> (not inherited) or
/// <c>OVERWRITING</c> (inherited; the new definition wins). The default is <c>INCLUDING ALL OVERWRITING OPTIONS</c>;
/// constraints, the distribution and partitions cannot be overwritten.
/// </summary>
internal sealed class LikeMerge
{
    private static readonly LikeFeature[] Features =
    [
        LikeFeature.Constraints, LikeFeature.Distribution, LikeFeature.Generated, LikeFeature.Metadata, LikeFeature.Options, LikeFeature.Partitions,
        LikeFeature.Watermarks,
    ];

    private readonly Dictionary<LikeFeature, LikeMergeStrategy> _strategies = new()
    {
        [LikeFeature.Constraints] = LikeMergeStrategy.Including,
        [LikeFeature.Distribution] = LikeMergeStrategy.Including,
        [LikeFeature.Generated] = LikeMergeStrategy.Including,
        [LikeFeature.Metadata] = LikeMergeStrategy.Including,
        [LikeFeature.Options] = LikeMergeStrategy.Overwriting,
        [LikeFeature.Partitions] = LikeMergeStrategy.Including,
        [LikeFeature.Watermarks] = LikeMergeStrategy.Including,
    };

    private readonly LikeClause _clause;

    public LikeMerge(CatalogTable source, LikeClause clause)
    {
        Source = source;
        _clause = clause;
        var declared = new HashSet<LikeFeature>();
        foreach (var option in clause.Options)
        {
            if (option.Feature == LikeFeature.All)
            {
                foreach (var feature in Features)
                {
                    _strategies[feature] = option.Strategy == LikeMergeStrategy.Overwriting && feature is LikeFeature.Constraints or LikeFeature.Distribution or LikeFeature.Partitions
                        ? LikeMergeStrategy.Including
                        : option.Strategy;
                }

                continue;
            }

            if (!declared.Add(option.Feature))
            {
                throw Invalid(option.Span, "Each LIKE option feature can be declared only once");
            }

            if (option.Strategy == LikeMergeStrategy.Overwriting && option.Feature is LikeFeature.Constraints or LikeFeature.Distribution or LikeFeature.Partitions)
            {
                throw Invalid(option.Span, $"Illegal merging strategy 'OVERWRITING' for '{option.Feature.ToString().ToUpperInvariant()}'; use INCLUDING or EXCLUDING");
            }

            _strategies[option.Feature] = option.Strategy;
        }
    }

    /// <summary>The LIKE source table.</summary>
    public CatalogTable Source { get; }

    /// <summary>The source's columns the new table inherits, in the source's order.</summary>
    public List<ColumnDraft> InheritedColumns() => Source.Columns
        .Where(c => c.Kind == ColumnKind.Physical || _strategies[FeatureOf(c.Kind)] != LikeMergeStrategy.Excluding)
        .Select(c => ColumnDraft.FromCatalog(c, _clause.Span))
        .ToList();

    /// <summary>True when <paramref name="declared"/> replaces the inherited column of the same name.</summary>
    public bool MayOverwrite(ColumnDraft inherited, ColumnDraft declared) =>
        inherited.Kind == declared.Kind && declared.Kind != ColumnKind.Physical
        && _strategies[FeatureOf(declared.Kind)] == LikeMergeStrategy.Overwriting;

    /// <summary>The error for a declared column that clashes with an inherited one.</summary>
    public SqlException ColumnConflict(ColumnDraft inherited, ColumnDraft declared)
    {
        if (inherited.Kind == ColumnKind.Physical || declared.Kind == ColumnKind.Physical)
        {
            return Invalid(declared.Span, $"A column named '{declared.Name}' already exists in the base table");
        }

        if (inherited.Kind != declared.Kind)
        {
            return Invalid(declared.Span,
                $"The {Describe(inherited.Kind)} column '{declared.Name}' of the base table cannot be replaced by a {Describe(declared.Kind)} column");
        }

        var feature = FeatureOf(declared.Kind).ToString().ToUpperInvariant();
        return Invalid(declared.Span,
            $"A {Describe(declared.Kind)} column named '{declared.Name}' already exists in the base table; you might want to specify EXCLUDING {feature} or OVERWRITING {feature}");
    }

    /// <summary>The source's primary key, when constraints are included.</summary>
    public PrimaryKey? InheritedPrimaryKey() => _strategies[LikeFeature.Constraints] == LikeMergeStrategy.Including ? Source.PrimaryKey : null;

    /// <summary>Fails when the new table declares a primary key and the source's is included.</summary>
    public void CheckNoPrimaryKey(PrimaryKeyConstraint declared)
    {
        if (InheritedPrimaryKey() is not null)
        {
            throw Invalid(declared.Span, "The base table already has a primary key; you might want to specify EXCLUDING CONSTRAINTS");
        }
    }

    /// <summary>The source's partition keys, when partitions are included.</summary>
    public IReadOnlyList<string> InheritedPartitions() =>
        _strategies[LikeFeature.Partitions] == LikeMergeStrategy.Including ? Source.PartitionKeys : [];

    /// <summary>Fails when the new table declares partitions and the source's are included.</summary>
    public void CheckNoPartitions(Identifier first)
    {
        if (InheritedPartitions().Count > 0)
        {
            throw Invalid(first.Span, "The base table already has partition keys; you might want to specify EXCLUDING PARTITIONS");
        }
    }

    /// <summary>The source's distribution, when the distribution is included.</summary>
    public TableDistribution? InheritedDistribution() =>
        _strategies[LikeFeature.Distribution] == LikeMergeStrategy.Including ? Source.Distribution : null;

    /// <summary>Fails when the new table declares a distribution and the source's is included (as Flink).</summary>
    public void CheckNoDistribution(DistributionClause declared)
    {
        if (InheritedDistribution() is not null)
        {
            throw Invalid(declared.Span, "The base table already has a distribution defined; you might want to specify EXCLUDING DISTRIBUTION");
        }
    }

    /// <summary>The watermark of the new table: the declared one, the inherited one, or none.</summary>
    public (QualifiedName Column, SqlExpression Expression)? MergeWatermark(WatermarkDefinition? declared)
    {
        var inherited = _strategies[LikeFeature.Watermarks] != LikeMergeStrategy.Excluding ? Source.Watermark : null;
        if (declared is null)
        {
            if (inherited is null)
            {
                return null;
            }

            var name = new QualifiedName(_clause.Span, NodeList<Identifier>.Wrap([new Identifier(_clause.Span, inherited.RowTimeColumn)]));
            return (name, inherited.Expression);
        }

        if (inherited is not null && _strategies[LikeFeature.Watermarks] == LikeMergeStrategy.Including)
        {
            throw Invalid(declared.Span,
                $"The base table already has a watermark for column '{inherited.RowTimeColumn}'; you might want to specify EXCLUDING WATERMARKS or OVERWRITING WATERMARKS");
        }

        return (declared.Column, declared.Strategy);
    }

    /// <summary>The options of the new table, merged with the source's.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MergeOptions(IReadOnlyList<Property> declared)
    {
        var strategy = _strategies[LikeFeature.Options];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (strategy != LikeMergeStrategy.Excluding)
        {
            foreach (var (key, value) in Source.Options)
            {
                result[key] = value;
            }
        }

        var options = DdlExecutor.CheckedOptions(declared);
        for (var i = 0; i < options.Count; i++)
        {
            var (key, value) = options[i];
            if (strategy == LikeMergeStrategy.Including && Source.Options.TryGetValue(key, out var existing))
            {
                throw Invalid(declared[i].Span,
                    $"There already exists an option ['{key}' -> '{existing}'] in the base table; you might want to specify EXCLUDING OPTIONS or OVERWRITING OPTIONS");
            }

            result[key] = value;
        }

        return result.ToArray();
    }

    private static LikeFeature FeatureOf(ColumnKind kind) => kind == ColumnKind.Computed ? LikeFeature.Generated : LikeFeature.Metadata;

    private static string Describe(ColumnKind kind) => kind == ColumnKind.Computed ? "computed" : kind.ToString().ToLowerInvariant();

    private static SqlException Invalid(Syntax.SourceSpan span, string reason) => new(SqlErrorCode.ValidationError, span, reason);
}
