using System.Globalization;
using System.Text.Json;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A compiled SQL/JSON path of the subset Flink users write: <c>$</c>, member steps <c>.name</c>, <c>."name"</c>,
/// <c>['name']</c>, <c>["name"]</c> and array steps <c>[n]</c>, optionally after a mode, <c>lax</c> (the default) or
/// <c>strict</c>. In lax mode a missing member or index selects nothing (the ON EMPTY case) and <c>[0]</c> on a
/// non-array selects the item itself; in strict mode both are errors (the ON ERROR case). Immutable.
/// </summary>
internal sealed class JsonPath
{
    private readonly Step[] _steps;

    private JsonPath(string text, bool strict, Step[] steps)
    {
        Text = text;
        IsStrict = strict;
        _steps = steps;
    }

    /// <summary>The outcome of applying a path.</summary>
    public enum Outcome
    {
        Found,
        Empty,
        Error,
    }

    public string Text { get; }

    public bool IsStrict { get; }

    /// <summary>Compiles a path.</summary>
    /// <exception cref="SluiceException">The path is not in the supported subset (<see cref="ErrorDomain.User"/>).</exception>
    public static JsonPath Compile(string text)
    {
        var path = text.Trim();
        var strict = false;
        if (path.StartsWith("strict ", StringComparison.OrdinalIgnoreCase))
        {
            strict = true;
            path = path[7..].TrimStart();
        }
        else if (path.StartsWith("lax ", StringComparison.OrdinalIgnoreCase))
        {
            path = path[4..].TrimStart();
        }

        if (path.Length == 0 || path[0] != '$')
        {
            throw Invalid(text, "it must start with '$'");
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.')
            {
                i++;
                if (i < path.Length && path[i] is '"' or '\'')
                {
                    steps.Add(new Step(ReadQuoted(text, path, ref i), -1));
                    continue;
                }

                var start = i;
                while (i < path.Length && (char.IsLetterOrDigit(path[i]) || path[i] is '_' or '$' or '-'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw Invalid(text, $"a member name is expected at position {start}");
                }

                steps.Add(new Step(path[start..i], -1));
            }
            else if (c == '[')
            {
                i++;
                while (i < path.Length && path[i] == ' ')
                {
                    i++;
                }

                if (i < path.Length && path[i] is '"' or '\'')
                {
                    steps.Add(new Step(ReadQuoted(text, path, ref i), -1));
                }
                else
                {
                    var start = i;
                    while (i < path.Length && char.IsAsciiDigit(path[i]))
                    {
                        i++;
                    }

                    if (i == start || !int.TryParse(path.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        throw Invalid(text, $"an array index or a quoted name is expected at position {start}");
                    }

                    steps.Add(new Step(null, index));
                }

                while (i < path.Length && path[i] == ' ')
                {
                    i++;
                }

                if (i >= path.Length || path[i] != ']')
                {
                    throw Invalid(text, "a ']' is missing");
                }

                i++;
            }
            else if (c == ' ')
            {
                i++;
            }
            else
            {
                throw Invalid(text, $"unexpected '{c}' at position {i}");
            }
        }

        return new JsonPath(text, strict, steps.ToArray());
    }

    /// <summary>Applies the path to a document.</summary>
    public Outcome Select(JsonElement root, out JsonElement item)
    {
        item = root;
        foreach (var step in _steps)
        {
            if (step.Name is { } name)
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return IsStrict ? Outcome.Error : Outcome.Empty;
                }

                if (!item.TryGetProperty(name, out var member))
                {
                    return IsStrict ? Outcome.Error : Outcome.Empty;
                }

                item = member;
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                if (step.Index >= item.GetArrayLength())
                {
                    return IsStrict ? Outcome.Error : Outcome.Empty;
                }

                item = item[step.Index];
            }
            else if (IsStrict || step.Index != 0)
            {
                return IsStrict ? Outcome.Error : Outcome.Empty;
            }
        }

        return Outcome.Found;
    }

    private static string ReadQuoted(string text, string path, ref int i)
    {
        var quote = path[i];
        var end = path.IndexOf(quote, i + 1);
        if (end < 0)
        {
            throw Invalid(text, "a quote is not closed");
        }

        var name = path[(i + 1)..end];
        i = end + 1;
        return name;
    }

    private static SluiceException Invalid(string text, string reason) =>
        new($"Invalid JSON path '{text}': {reason}. Supported: $, .name, ['name'], [n], with an optional lax or strict mode.", ErrorDomain.User);

    private sealed record Step(string? Name, int Index);
}
