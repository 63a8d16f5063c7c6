namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Validates a table's <c>WITH</c> clause against a connector's <see cref="ConnectorDescriptor"/> and the descriptors
/// of the formats it chooses: rejects unknown options (suggesting the nearest accepted key), missing required
/// options and values that do not parse. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Messages name the option exactly as written and its owner, for example
/// <c>Unsupported option 'fromat' for connector 'filesystem'. Did you mean 'format'?</c> or
/// <c>Unsupported option 'csv.field-delimeter' for format 'csv'. Did you mean 'csv.field-delimiter'?</c>.
/// The <c>'connector'</c> option itself (a catalog type's <c>'type'</c>) is always accepted.
/// </remarks>
public static class OptionValidator
{
    /// <summary>The key that selects the connector.</summary>
    public const string ConnectorKey = "connector";

    /// <summary>The key that selects a catalog's type (<c>CREATE CATALOG ... WITH ('type' = ...)</c>).</summary>
    public const string CatalogTypeKey = "type";

    /// <summary>Validates the options and throws when something is wrong.</summary>
    /// <param name="options">The table's options (case-sensitive keys).</param>
    /// <param name="connector">The connector chosen by <c>'connector'</c>.</param>
    /// <param name="formats">The known formats (to resolve the connector's format keys); may be empty.</param>
    /// <exception cref="TableOptionException">Every problem found, one per line; the first one's option is reported.</exception>
    public static void Validate(IReadOnlyDictionary<string, string> options, ConnectorDescriptor connector,
        IEnumerable<ConnectorDescriptor> formats)
    {
        var problems = FindProblems(options, connector, formats);
        if (problems.Count == 1)
        {
            throw problems[0];
        }

        if (problems.Count > 1)
        {
            throw new TableOptionException(string.Join(Environment.NewLine, problems.Select(p => p.Message)),
                problems[0].OptionKey, problems[0].Owner);
        }
    }

    /// <summary>Every problem with the options, in key order (empty when they are valid).</summary>
    /// <param name="options">The table's options (case-sensitive keys).</param>
    /// <param name="connector">The connector chosen by <c>'connector'</c>.</param>
    /// <param name="formats">The known formats (to resolve the connector's format keys); may be empty.</param>
    public static IReadOnlyList<TableOptionException> FindProblems(IReadOnlyDictionary<string, string> options,
        ConnectorDescriptor connector, IEnumerable<ConnectorDescriptor> formats)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(formats);
        var knownFormats = formats.ToList();
        var problems = new List<TableOptionException>();

        // The owners of keys: the connector (no prefix) and each chosen format (its prefix).
        var owners = new List<(string Prefix, ConnectorDescriptor Descriptor)> { ("", connector) };
        foreach (var formatKey in connector.FormatKeys)
        {
            if (!options.TryGetValue(formatKey, out var formatName))
            {
                continue;
            }

            var format = knownFormats.FirstOrDefault(f => string.Equals(f.Name, formatName, StringComparison.Ordinal));
            if (format is null)
            {
                problems.Add(UnknownFormat(formatKey, formatName, connector, knownFormats));
                continue;
            }

            owners.Add((format.FormatPrefix(formatKey), format));
        }

        foreach (var (key, value) in options.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if ((connector.Kind == DescriptorKind.Connector && key == ConnectorKey) || (connector.Kind == DescriptorKind.Catalog && key == CatalogTypeKey))
            {
                continue;
            }

            var (owner, option) = FindOwner(owners, key);
            if (option is null)
            {
                problems.Add(Unsupported(key, owners));
            }
            else if (!option.IsValidValue(value, out var expected))
            {
                problems.Add(new TableOptionException(
                    $"Invalid value '{value}' for option '{key}' of {owner}: expected {expected}.", key, owner.ToString()));
            }
        }

        foreach (var (prefix, descriptor) in owners)
        {
            foreach (var option in descriptor.Options.Where(o => o.IsRequired && !o.IsTemplate))
            {
                if (!options.ContainsKey(prefix + option.Key))
                {
                    var key = prefix + option.Key;
                    problems.Add(new TableOptionException($"Missing required option '{key}' for {descriptor}.", key, descriptor.ToString()));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The optimal-string-alignment distance between two keys (insertions, deletions, substitutions and swaps of
    /// neighbours each cost 1), for "did you mean" suggestions.
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>The accepted key nearest to <paramref name="key"/>, or null when none is near enough.</summary>
    public static string? Suggest(string key, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance > 0 && (bestDistance <= 2 || bestDistance <= key.Length / 4) ? best : null;
    }

    private static (ConnectorDescriptor Owner, ConnectorOption? Option) FindOwner(
        List<(string Prefix, ConnectorDescriptor Descriptor)> owners, string key)
    {
        // Formats first: their prefixed keys are more specific than the connector's.
        for (var i = owners.Count - 1; i >= 0; i--)
        {
            var (prefix, descriptor) = owners[i];
            if (key.StartsWith(prefix, StringComparison.Ordinal) && descriptor.FindOption(key[prefix.Length..]) is { } option)
            {
                return (descriptor, option);
            }
        }

        return (owners[0].Descriptor, null);
    }

    private static TableOptionException Unsupported(string key, List<(string Prefix, ConnectorDescriptor Descriptor)> owners)
    {
        // The owner of an unknown key is the format whose prefix it has, else the connector.
        var owner = owners[0];
        for (var i = owners.Count - 1; i > 0; i--)
        {
            if (key.StartsWith(owners[i].Prefix, StringComparison.Ordinal))
            {
                owner = owners[i];
                break;
            }
        }

        var candidates = owners.SelectMany(o => o.Descriptor.Options.Select(opt => o.Prefix + Instantiate(opt, key, o.Prefix)))
            .Append(ConnectorKey)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var message = $"Unsupported option '{key}' for {owner.Descriptor}.";
        var suggestion = Suggest(key, candidates);
        message += suggestion is not null
            ? $" Did you mean '{suggestion}'?"
            : " Supported options: " + string.Join(", ", candidates.Select(c => $"'{c}'").Order(StringComparer.Ordinal)) + ".";
        return new TableOptionException(message, key, owner.Descriptor.ToString());
    }

    /// <summary>A template key with its <c>#</c> segments replaced by the corresponding segments of the written key.</summary>
    private static string Instantiate(ConnectorOption option, string writtenKey, string prefix)
    {
        if (!option.IsTemplate)
        {
            return option.Key;
        }

        var written = writtenKey.StartsWith(prefix, StringComparison.Ordinal) ? writtenKey[prefix.Length..].Split('.') : [];
        var segments = (string[])option.Segments.Clone();
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] == "#" && written.Length == segments.Length && written[i].Length > 0)
            {
                segments[i] = written[i];
            }
        }

        return string.Join('.', segments);
    }

    private static TableOptionException UnknownFormat(string formatKey, string formatName, ConnectorDescriptor connector,
        List<ConnectorDescriptor> formats)
    {
        var names = formats.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        var message = $"Unsupported format '{formatName}' in option '{formatKey}' of {connector}.";
        var suggestion = Suggest(formatName, names);
        if (suggestion is not null)
        {
            message += $" Did you mean '{suggestion}'?";
        }

        message += names.Count == 0
            ? " No formats are registered."
            : " Available formats: " + string.Join(", ", names.Select(n => $"'{n}'")) + ".";
        return new TableOptionException(message, formatKey, connector.ToString());
    }
}
