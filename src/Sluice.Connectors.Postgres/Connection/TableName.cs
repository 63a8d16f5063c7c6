using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Postgres.Connection;

/// <summary>A PostgreSQL table name, optionally schema-qualified, with its quoted SQL form. Immutable.</summary>
/// <param name="Schema">The schema, or null for the connection's search path.</param>
/// <param name="Name">The table's name.</param>
internal sealed record TableName(string? Schema, string Name)
{
    /// <summary>The name quoted for SQL, e.g. <c>"public"."orders"</c>.</summary>
    public string Quoted => Schema is null ? Quote(Name) : Quote(Schema) + "." + Quote(Name);

    /// <summary>The name as a <c>regclass</c> literal's text, e.g. <c>"public"."orders"</c>.</summary>
    public override string ToString() => Schema is null ? Name : Schema + "." + Name;

    /// <summary>Quotes an identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Parses <c>name</c>, <c>schema.name</c> or quoted parts (<c>"My Schema"."Orders"</c>). Unquoted parts are taken as
    /// written (PostgreSQL folds unquoted names to lower case in SQL, but a connector option names the table exactly).
    /// </summary>
    /// <exception cref="TableOptionException">The name is empty or has more than two parts.</exception>
    public static TableName Parse(string text, string optionKey, string owner)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        if (quoted || parts.Count > 2 || parts.Exists(p => p.Trim().Length == 0))
        {
            throw new TableOptionException(
                $"Invalid value '{text}' for option '{optionKey}' of {owner}: expected 'table' or 'schema.table'.", optionKey, owner);
        }

        return parts.Count == 2 ? new TableName(parts[0].Trim(), parts[1].Trim()) : new TableName(null, parts[0].Trim());
    }
}
