using System.Text;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// What a connector or format is and which options it accepts: enough to validate a table's <c>WITH</c> clause
/// (<see cref="OptionValidator"/>) and to generate its documentation (<see cref="ToMarkdown"/>). Immutable, thread-safe.
/// </summary>
public sealed class ConnectorDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="name">The value of the <c>'connector'</c> (or <c>'format'</c>) option that selects it.</param>
    /// <param name="kind">A connector or a format.</param>
    /// <param name="description">A short description for the documentation.</param>
    /// <param name="options">The options it accepts (for a format, keys without the format prefix).</param>
    /// <param name="formatKeys">
    /// The option keys whose value names a format, for example <c>format</c>, or <c>key.format</c> and
    /// <c>value.format</c>. The options of the chosen format are accepted with its prefix (<c>csv.</c>,
    /// <c>value.json.</c>). Formats have none.
    /// </param>
    /// <exception cref="ArgumentException">The name is empty or two options have the same key.</exception>
    public ConnectorDescriptor(string name, DescriptorKind kind, string description, IEnumerable<ConnectorOption> options,
        IEnumerable<string>? formatKeys = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Kind = kind;
        Description = description;
        Options = options.ToArray();
        FormatKeys = formatKeys?.ToArray() ?? [];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in Options)
        {
            if (!keys.Add(option.Key))
            {
                throw new ArgumentException($"The option '{option.Key}' of {KindName} '{name}' is declared twice.", nameof(options));
            }
        }

        foreach (var formatKey in FormatKeys)
        {
            if (!formatKey.EndsWith("format", StringComparison.Ordinal) || FindOption(formatKey) is null)
            {
                throw new ArgumentException(
                    $"The format key '{formatKey}' of {KindName} '{name}' must end with 'format' and be one of its options.",
                    nameof(formatKeys));
            }
        }
    }

    /// <summary>The value of the <c>'connector'</c> or <c>'format'</c> option that selects it, e.g. <c>filesystem</c>.</summary>
    public string Name { get; }

    /// <summary>A connector or a format.</summary>
    public DescriptorKind Kind { get; }

    /// <summary>A short description for the documentation.</summary>
    public string Description { get; }

    /// <summary>The options it accepts, in documentation order.</summary>
    public IReadOnlyList<ConnectorOption> Options { get; }

    /// <summary>The option keys whose value names a format (see the constructor).</summary>
    public IReadOnlyList<string> FormatKeys { get; }

    /// <summary><c>connector</c> or <c>format</c>, for messages.</summary>
    public string KindName => Kind switch
    {
        DescriptorKind.Format => "format",
        DescriptorKind.Catalog => "catalog type",
        _ => "connector",
    };

    /// <summary>The option whose key (or template) matches <paramref name="key"/> (without a format prefix), or null.</summary>
    public ConnectorOption? FindOption(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ConnectorOption? template = null;
        foreach (var option in Options)
        {
            if (!option.IsTemplate && string.Equals(option.Key, key, StringComparison.Ordinal))
            {
                return option;
            }

            if (template is null && option.IsTemplate && option.Matches(key))
            {
                template = option;
            }
        }

        return template;
    }

    /// <summary>
    /// The prefix of this format's options when chosen by <paramref name="formatKey"/>: <c>csv.</c> for
    /// <c>format</c>, <c>value.csv.</c> for <c>value.format</c> (Flink's convention).
    /// </summary>
    public string FormatPrefix(string formatKey = "format")
    {
        ArgumentNullException.ThrowIfNull(formatKey);
        return formatKey[..^"format".Length] + Name + ".";
    }

    /// <summary>
    /// The documentation page of this connector or format in Markdown: the description and a table of the options
    /// (key, required, default, type, description).
    /// </summary>
    public string ToMarkdown()
    {
        var prefix = Kind == DescriptorKind.Format ? Name + "." : "";
        var builder = new StringBuilder();
        builder.Append("# ").Append(Name).Append(' ').Append(KindName).Append("\n\n");
        builder.Append(Description).Append("\n\n");
        builder.Append("| Option | Required | Default | Type | Description |\n");
        builder.Append("|---|---|---|---|---|\n");
        if (Kind == DescriptorKind.Connector)
        {
            builder.Append("| `connector` | required | (none) | String | `'").Append(Name).Append("'`. |\n");
        }

        foreach (var option in Options)
        {
            var type = option.Type == OptionType.Enum ? "Enum: " + string.Join(", ", option.AllowedValues) : option.Type.ToString();
            builder.Append("| `").Append(prefix).Append(option.Key).Append("` | ")
                .Append(option.IsRequired ? "required" : "optional").Append(" | ")
                .Append(option.DefaultValue is null ? "(none)" : "`" + option.DefaultValue + "`").Append(" | ")
                .Append(type).Append(" | ")
                .Append(option.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{KindName} '{Name}'";
}
