using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// <c>SHOW PARTITIONS</c> of a partitioned <c>filesystem</c> table: its partition folders <c>k1=v1/k2=v2</c> under
/// <c>'path'</c> (hidden ones, starting with '.' or '_', skipped), sorted; with <c>PARTITION (k = 'v')</c>, those of
/// that partial spec.
/// </summary>
internal sealed partial class DdlExecutor
{
    private StatementResult ShowPartitions(ShowStatement show)
    {
        var identifier = Resolve(show.Target!);
        if (_catalog.FindTableAt(identifier, show.Target!.Span) is not CatalogTable table)
        {
            throw TableNotFound(show.Target!, identifier);
        }

        if (table.PartitionKeys.Count == 0)
        {
            throw Invalid(show.Target!.Span, $"Table '{NameText(show.Target!)}' is not partitioned");
        }

        var connector = table.Options.GetValueOrDefault("connector");
        if (connector != "filesystem" || !table.Options.TryGetValue("path", out var path))
        {
            throw NotSupported(show.Span, $"SHOW PARTITIONS lists the partition folders of 'filesystem' tables; table '{NameText(show.Target!)}' uses the connector '{connector}'");
        }

        var spec = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in show.Partition)
        {
            if (!table.PartitionKeys.Contains(value.Column.Value))
            {
                throw Invalid(value.Column.Span, $"Column '{value.Column.Value}' is not a partition column of table '{NameText(show.Target!)}'");
            }

            spec[value.Column.Value] = value.Value switch
            {
                StringLiteral s => s.Value,
                NumericLiteral n => n.Text,
                BooleanLiteral b => b.Value ? "true" : "false",
                TypedLiteral t => t.Value,
                _ => throw Invalid(value.Value.Span, "A partition value must be a literal"),
            };
        }

        var partitions = new List<string>();
        var root = TablePath(path);
        if (Directory.Exists(root))
        {
            Collect(root, 0, []);
        }

        return StatementResult.OfStrings("partition name", partitions.Order(StringComparer.Ordinal));

        void Collect(string folder, int depth, List<string> names)
        {
            if (depth == table.PartitionKeys.Count)
            {
                partitions.Add(string.Join('/', names));
                return;
            }

            var key = table.PartitionKeys[depth];
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(child);
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (name.StartsWith('.') || name.StartsWith('_') || equals <= 0 || Unescape(name[..equals]) != key
                    || (spec.TryGetValue(key, out var wanted) && Unescape(name[(equals + 1)..]) != wanted))
                {
                    continue;
                }

                names.Add(name);
                Collect(child, depth + 1, names);
                names.RemoveAt(names.Count - 1);
            }
        }
    }

    /// <summary>
    /// The absolute folder of a table's <c>'path'</c>, resolved as the table's source resolves it: a relative path is
    /// taken from the current directory when it exists there, else from the script's directory when it exists there.
    /// </summary>
    private string TablePath(string path)
    {
        var local = path.StartsWith("file://", StringComparison.Ordinal) ? path["file://".Length..] : path;
        if (Path.IsPathRooted(local) || Directory.Exists(local) || _scriptDirectory is null)
        {
            return Path.GetFullPath(local);
        }

        var candidate = Path.GetFullPath(Path.Combine(_scriptDirectory, local));
        return Directory.Exists(candidate) ? candidate : Path.GetFullPath(local);
    }

    /// <summary>A partition folder name's <c>%XX</c> escapes turned back into characters (as the filesystem connector writes them).</summary>
    private static string Unescape(string segment)
    {
        var builder = new System.Text.StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '%' && i + 2 < segment.Length
                && int.TryParse(segment.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(segment[i]);
            }
        }

        return builder.ToString();
    }
}
