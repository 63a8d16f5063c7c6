using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Results;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// The examples and the NULL, error and result-type rules of Flink's built-in function documentation
/// (<c>docs/data/sql_functions.yml</c>; where it is silent, Flink's runtime code), as a table in
/// <c>FlinkDocumentedFunctions.txt</c> beside this file. Each case is evaluated with the real binder and compiler and
/// compared as <c>sluice run --output json</c> writes the value (<see cref="ResultJson"/>), and where the line names
/// one, with the result type.
/// </summary>
/// <remarks>
/// Line format: <c>expression =&gt; json</c>, optionally followed by <c> :: TYPE</c> (the full type, with
/// <c>NOT NULL</c> where Flink derives it); <c>=&gt; !error</c> for a call that fails the query. <c>@zone Id</c> sets
/// the session time zone for the lines after it; <c>#</c> starts a comment, naming the documentation entry.
/// </remarks>
public sealed class FlinkDocumentedFunctionTests
{
    private const string ErrorMarker = "!error";

    [Fact]
    public void Every_documented_example_gives_flinks_value_and_type()
    {
        var cases = Cases().ToList();
        Assert.True(cases.Count > 300, $"the table has only {cases.Count} cases");
        var failures = new List<string>();
        foreach (var (line, expression, expectedJson, expectedType, zone) in cases)
        {
            var (json, type) = Evaluate(expression, zone);
            if (json != Canonical(expectedJson) || (expectedType is not null && json != ErrorMarker && type != expectedType))
            {
                failures.Add($"line {line}: {expression}\n    expected {expectedJson}{(expectedType is null ? "" : " :: " + expectedType)}\n    actual   {json} :: {type}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} documented cases differ:\n" + string.Join("\n", failures));
    }

    /// <summary>The expected JSON as <see cref="ResultJson"/> spells it (escapes differ, the values may not).</summary>
    private static string Canonical(string json)
    {
        if (json == ErrorMarker)
        {
            return json;
        }

        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ResultJson.Options))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (string Json, string Type) Evaluate(string expression, TimeZoneInfo zone)
    {
        var environment = ExpressionEnvironment.Default with { SessionTimeZone = zone };
        CompiledExpression compiled;
        try
        {
            compiled = SqlExpressions.Compile(expression, environment);
        }
        catch (SluiceException)
        {
            return (ErrorMarker, "?");
        }

        var type = compiled.Type.ToString();
        try
        {
            using var batch = RandomBatches.Create(0, rows: 1);
            using var result = compiled.Evaluate(batch);
            Assert.True(result.DataType.EqualsIgnoringNullability(compiled.Type), $"{expression}: vector type {result.DataType} differs from {compiled.Type}");
            return (ResultJson.ToJson(new ResultText(zone), result, 0), type);
        }
        catch (SluiceException)
        {
            return (ErrorMarker, type);
        }
    }

    private static IEnumerable<(int Line, string Expression, string Json, string? Type, TimeZoneInfo Zone)> Cases()
    {
        var root = Sluice.Testing.RepositoryRoot.Find(typeof(FlinkDocumentedFunctionTests).Assembly);
        var path = Path.Combine(root, "tests", "Sluice.Sql.Physical.Tests", "Expressions", "FlinkDocumentedFunctions.txt");
        var zone = TimeZoneInfo.Utc;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("@zone ", StringComparison.Ordinal))
            {
                zone = ExpressionEnvironment.ParseTimeZone(line["@zone ".Length..].Trim());
                continue;
            }

            var arrow = line.LastIndexOf(" => ", StringComparison.Ordinal);
            Assert.True(arrow > 0, $"line {number} has no ' => ': {line}");
            var expression = line[..arrow].Trim();
            var expected = line[(arrow + 4)..].Trim();
            string? type = null;
            var colons = expected.LastIndexOf(" :: ", StringComparison.Ordinal);
            if (colons >= 0)
            {
                type = expected[(colons + 4)..].Trim();
                expected = expected[..colons].Trim();
            }

            yield return (number, expression, expected, type, zone);
        }
    }
}
