using System.Globalization;
using System.Text.Json;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A compiled SQL/JSON path of the subset Flink users write: <c>$</c>, member steps <c>.name</c>, <c>."name"</c>,
/// <c>['name']</c>, <c>["name"]</c> (also written <c>.['name']</c>), array steps <c>[n]</c>, and the wildcards
/// <c>[*]</c> (every element) and <c>.*</c> (every member value), optionally after a mode, <c>lax</c> (the default) or
/// <c>strict</c>. In lax mode a missing member or index selects nothing (the ON EMPTY case) and <c>[0]</c> or
/// <c>[*]</c> on a non-array selects the item itself; in strict mode both are errors (the ON ERROR case). A path with a
/// wildcard selects the JSON array of everything it matches, in document order (as Flink's JSON functions return a
/// list for such paths), or nothing when it matches nothing. Immutable.
/// </summary>
internal sealed class JsonPath
{
    private const int AnyElement = -2;

    private const int AnyMember = -3;

    private readonly Step[] _steps;
    private readonly bool _hasWildcard;

    private JsonPath(string text, bool strict, Step[] steps)
    {
        Text = text;
        IsStrict = strict;
        _steps = steps;
        _hasWildcard = steps.Any(s => s.Index is AnyElement or AnyMember);
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

                if (i < path.Length && path[i] == '[')
                {
                    // '.[...]': the bracket step itself.
                    continue;
                }

                if (i < path.Length && path[i] == '*')
                {
                    steps.Add(new Step(null, AnyMember));
                    i++;
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
                else if (i < path.Length && path[i] == '*')
                {
                    steps.Add(new Step(null, AnyElement));
                    i++;
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
        if (_hasWildcard)
        {
            return SelectAll(root, out item);
        }

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

    /// <summary>A path with wildcards: the array of every match.</summary>
    private Outcome SelectAll(JsonElement root, out JsonElement item)
    {
        item = root;
        var matches = new List<JsonElement>();
        if (!Collect(root, 0, matches))
        {
            return Outcome.Error;
        }

        if (matches.Count == 0)
        {
            return Outcome.Empty;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var match in matches)
            {
                match.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        item = document.RootElement.Clone();
        return Outcome.Found;
    }

    /// <summary>Adds the matches of the steps from <paramref name="step"/> on; false for a strict-mode error.</summary>
    private bool Collect(JsonElement item, int step, List<JsonElement> matches)
    {
        if (step == _steps.Length)
        {
            matches.Add(item);
            return true;
        }

        var current = _steps[step];
        if (current.Name is { } name)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var member))
            {
                return Collect(member, step + 1, matches);
            }

            return !IsStrict;
        }

        switch (current.Index)
        {
            case AnyMember:
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return !IsStrict;
                }

                foreach (var property in item.EnumerateObject())
                {
                    if (!Collect(property.Value, step + 1, matches))
                    {
                        return false;
                    }
                }

                return true;
            case AnyElement:
                if (item.ValueKind != JsonValueKind.Array)
                {
                    return !IsStrict && Collect(item, step + 1, matches);
                }

                foreach (var element in item.EnumerateArray())
                {
                    if (!Collect(element, step + 1, matches))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (item.ValueKind == JsonValueKind.Array)
                {
                    return current.Index < item.GetArrayLength() ? Collect(item[current.Index], step + 1, matches) : !IsStrict;
                }

                return !IsStrict && current.Index == 0 ? Collect(item, step + 1, matches) : !IsStrict;
        }
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
        new($"Invalid JSON path '{text}': {reason}. Supported: $, .name, ['name'], [n], [*], .*, with an optional lax or strict mode.", ErrorDomain.User);

    private sealed record Step(string? Name, int Index);
}
