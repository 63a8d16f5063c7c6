using System.Text;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats;
using Sluice.Sql;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Connectors.Builtin.Tests.Docs;

/// <summary>
/// Generates docs/reference/connectors.md and docs/reference/functions.md from the code: the connector and format
/// descriptors, and the built-in function definitions. <see cref="ReferenceDocsTests"/> checks the checked-in files.
/// </summary>
internal static class ReferenceDocsGenerator
{
    /// <summary>The path of the connector reference, relative to the repository root.</summary>
    public const string ConnectorsPath = "docs/reference/connectors.md";

    /// <summary>The path of the function reference, relative to the repository root.</summary>
    public const string FunctionsPath = "docs/reference/functions.md";

    private const string ConnectorsHeader =
        "# Connectors and formats\n\n" +
        "Every table connector and row format Sluice ships, with every option it accepts in a `WITH` clause: its type, " +
        "whether it is required, and its default. Option keys are case-sensitive, as in Flink. A format's options are " +
        "written with the format's name as prefix (`csv.field-delimiter`), or with the prefix of the option that chose " +
        "the format (`value.csv.field-delimiter` for `value.format`). A `#` segment in a key stands for any one segment, " +
        "usually a column name.\n\n" +
        "This file is generated from the connectors' and formats' `ConnectorDescriptor`s; do not edit it by hand. The test " +
        "`ReferenceDocsTests.ReferenceDocs_MatchTheCode` (tests/Sluice.Connectors.Builtin.Tests/Docs) fails when it is out " +
        "of date; regenerate it with `UPDATE_DOCS=1 dotnet test tests/Sluice.Connectors.Builtin.Tests --filter ReferenceDocs`.\n";

    private const string FunctionsHeader =
        "# Built-in functions\n\n" +
        "Every built-in SQL function that can be called by name, by kind, with its accepted signatures. Names are matched " +
        "case-insensitively. In a signature, `<NUMERIC>`, `<CHARACTER>`, ... name the families of types an argument may " +
        "have, `[...]` marks optional arguments and `, ...` a repeating last argument; an untyped `NULL` fits any value " +
        "argument. Operators (`+`, `=`, `AND`, `||`, ...) are not listed. The *Example result* column is the result type " +
        "the function's type inference gives for the first signature called with `NOT NULL` arguments of a typical type " +
        "of each family (`INT` for numbers, `STRING` for strings, `TIMESTAMP(3)` for date-times, ...; a keyword operand stays `<SYMBOL>`); other argument " +
        "types can give other results (for example wider `DECIMAL`s), and nullable arguments usually give a nullable result.\n\n" +
        "This file is generated from `BuiltInFunctions.All`; do not edit it by hand. The test " +
        "`ReferenceDocsTests.ReferenceDocs_MatchTheCode` (tests/Sluice.Connectors.Builtin.Tests/Docs) fails when it is out " +
        "of date; regenerate it with `UPDATE_DOCS=1 dotnet test tests/Sluice.Connectors.Builtin.Tests --filter ReferenceDocs`.\n";

    /// <summary>Every connector and format Sluice ships, registered as an application would.</summary>
    public static ConnectorRegistry CreateRegistry() =>
        new ConnectorRegistry().AddBuiltinConnectors().AddStandardFormats().Add(new FileSystemTableFactory());

    /// <summary>The markdown of the connector reference.</summary>
    public static string Connectors(ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var builder = new StringBuilder(ConnectorsHeader);
        var connectors = registry.ConnectorDescriptors;
        var formats = registry.FormatDescriptors.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

        builder.Append("\n## Contents\n\n");
        builder.Append("Connectors: ").Append(string.Join(", ", connectors.Select(d => $"[{d.Name}](#{Anchor(d)})"))).Append(".\n\n");
        builder.Append("Formats: ").Append(string.Join(", ", formats.Select(d => $"[{d.Name}](#{Anchor(d)})"))).Append(".\n");

        builder.Append("\n## Connectors\n");
        foreach (var descriptor in connectors)
        {
            var roles = new List<string>();
            if (registry.SourceNames.Contains(descriptor.Name))
            {
                roles.Add("source");
            }

            if (registry.SinkNames.Contains(descriptor.Name))
            {
                roles.Add("sink");
            }

            var notes = "Used as: " + string.Join(" and ", roles) + ".";
            if (descriptor.FormatKeys.Count > 0)
            {
                notes += (descriptor.FormatKeys.Count == 1 ? " The option " : " The options ") +
                    string.Join(", ", descriptor.FormatKeys.Select(k => $"`{k}`")) +
                    (descriptor.FormatKeys.Count == 1 ? " names a format" : " name formats") +
                    "; the options of the chosen format are accepted with its prefix (see [Formats](#formats)).";
            }

            AppendDescriptor(builder, descriptor, notes);
        }

        builder.Append("\n## Formats\n");
        foreach (var descriptor in formats)
        {
            AppendDescriptor(builder, descriptor, null);
        }

        return builder.ToString();
    }

    /// <summary>The markdown of the function reference.</summary>
    public static string Functions(IReadOnlyList<FunctionDefinition> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var builder = new StringBuilder(FunctionsHeader);
        var kinds = Enum.GetValues<FunctionKind>().Where(k => functions.Any(f => f.Kind == k)).ToList();
        builder.Append("\n## Contents\n\n");
        foreach (var kind in kinds)
        {
            builder.Append("- [").Append(KindTitle(kind)).Append("](#").Append(KindTitle(kind).ToLowerInvariant().Replace(' ', '-'))
                .Append(") (").Append(functions.Count(f => f.Kind == kind)).Append(")\n");
        }

        foreach (var kind in kinds)
        {
            builder.Append("\n## ").Append(KindTitle(kind)).Append("\n\n");
            builder.Append(KindDescription(kind)).Append("\n\n");
            builder.Append("| Function | Signatures | Example result | Notes |\n");
            builder.Append("|---|---|---|---|\n");
            foreach (var function in functions.Where(f => f.Kind == kind).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var signatures = function.Signatures.Count == 0
                    ? "—"
                    : string.Join("<br>", function.Signatures.Select(s => Code(function.FormatSignature(s))));
                var notes = new List<string>();
                if (function.Description is { Length: > 0 } description)
                {
                    notes.Add(Escape(description) + ".");
                }

                if (!function.IsDeterministic)
                {
                    notes.Add("Not deterministic.");
                }

                if (function.AllowsNoParentheses)
                {
                    notes.Add($"May be written without parentheses (`{function.Name}`).");
                }

                builder.Append("| `").Append(function.Name).Append("` | ").Append(signatures).Append(" | ")
                    .Append(ExampleResult(function)).Append(" | ").Append(string.Join(" ", notes)).Append(" |\n");
            }
        }

        return builder.ToString();
    }

    private static void AppendDescriptor(StringBuilder builder, ConnectorDescriptor descriptor, string? notes)
    {
        // The descriptor's own page, one heading level down; the notes go under its heading.
        var page = descriptor.ToMarkdown();
        var headingEnd = page.IndexOf('\n', StringComparison.Ordinal);
        builder.Append("\n##").Append(page[..headingEnd]).Append("\n\n");
        if (notes is not null)
        {
            builder.Append(notes).Append("\n\n");
        }

        builder.Append(page[(headingEnd + 1)..].TrimStart('\n'));
    }

    private static string Anchor(ConnectorDescriptor descriptor) => $"{descriptor.Name}-{descriptor.KindName}".Replace('_', '-');

    private static string KindTitle(FunctionKind kind) => kind switch
    {
        FunctionKind.Scalar => "Scalar functions",
        FunctionKind.Aggregate => "Aggregate functions",
        FunctionKind.Ranking => "Ranking functions",
        FunctionKind.Table => "Table functions",
        FunctionKind.WindowTable => "Windowing table functions",
        _ => kind.ToString(),
    };

    private static string KindDescription(FunctionKind kind) => kind switch
    {
        FunctionKind.Scalar => "One value per row.",
        FunctionKind.Aggregate => "One value per group (`GROUP BY`) or per window (`OVER`).",
        FunctionKind.Ranking => "Only valid with `OVER (...)`.",
        FunctionKind.Table => "Rows per input row, called in `FROM` with `LATERAL TABLE(...)`.",
        FunctionKind.WindowTable => "Called in `FROM` as `TABLE(NAME(TABLE t, DESCRIPTOR(time_col), ...))`; the notes give the parameters.",
        _ => "",
    };

    private static string Code(string text) => "`" + text.Replace("|", "\\|", StringComparison.Ordinal) + "`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>The result type for the first signature's required arguments, each of a typical type of its family.</summary>
    private static string ExampleResult(FunctionDefinition function)
    {
        if (function.Signatures.Count == 0)
        {
            return "—";
        }

        var signature = function.Signatures[0];
        var types = new List<DataType>();
        var symbols = new List<string?>();
        for (var i = 0; i < signature.RequiredCount; i++)
        {
            var family = signature.ParameterAt(i);
            types.Add(family == ArgumentFamily.Symbol ? DataTypes.Null() : TypicalType(family));
            symbols.Add(family == ArgumentFamily.Symbol ? "DAY" : null);
        }

        try
        {
            var result = function.ReturnType(new ProbeCall(function, types, symbols));
            var families = Enumerable.Range(0, types.Count).Select(signature.ParameterAt).ToArray();
            var call = function.FormatSignature(FunctionSignature.Of(families));
            var position = 0;
            for (var i = 0; i < types.Count; i++)
            {
                var family = FunctionSignature.FamilyName(families[i]);
                var index = call.IndexOf(family, position, StringComparison.Ordinal);
                // A keyword operand keeps its placeholder: which keywords fit depends on the function.
                var replacement = symbols[i] is null ? types[i].ToString() : family;
                call = call[..index] + replacement + call[(index + family.Length)..];
                position = index + replacement.Length;
            }

            return Code(call + " → " + result);
        }
        catch (Exception e) when (e is SqlException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return "—";
        }
    }

    /// <summary>The families whose typical type stands for a parameter, in order of preference (INT for any number or value).</summary>
    private static readonly ArgumentFamily[] Preference =
    [
        ArgumentFamily.Integer, ArgumentFamily.Character, ArgumentFamily.Decimal, ArgumentFamily.Approximate, ArgumentFamily.Boolean,
        ArgumentFamily.Binary, ArgumentFamily.Timestamp, ArgumentFamily.TimestampLtz, ArgumentFamily.Date, ArgumentFamily.Time,
        ArgumentFamily.IntervalDayTime, ArgumentFamily.IntervalYearMonth, ArgumentFamily.Array, ArgumentFamily.Map,
        ArgumentFamily.Multiset, ArgumentFamily.Row,
    ];

    private static DataType TypicalType(ArgumentFamily family)
    {
        DataType type = Preference.FirstOrDefault(f => (family & f) != 0) switch
        {
            ArgumentFamily.Boolean => DataTypes.Boolean(),
            ArgumentFamily.Decimal => DataTypes.Decimal(10, 2),
            ArgumentFamily.Approximate => DataTypes.Double(),
            ArgumentFamily.Character => DataTypes.String(),
            ArgumentFamily.Binary => DataTypes.Bytes(),
            ArgumentFamily.Date => DataTypes.Date(),
            ArgumentFamily.Time => DataTypes.Time(),
            ArgumentFamily.Timestamp => DataTypes.Timestamp(3),
            ArgumentFamily.TimestampLtz => DataTypes.TimestampLtz(3),
            ArgumentFamily.IntervalYearMonth => DataTypes.IntervalYearMonth(),
            ArgumentFamily.IntervalDayTime => DataTypes.IntervalDayTime(),
            ArgumentFamily.Array => DataTypes.Array(DataTypes.Int().NotNull()),
            ArgumentFamily.Map => DataTypes.Map(DataTypes.String().NotNull(), DataTypes.Int().NotNull()),
            ArgumentFamily.Multiset => DataTypes.Multiset(DataTypes.Int().NotNull()),
            ArgumentFamily.Row => DataTypes.Row(new Field("f0", DataTypes.Int().NotNull())),
            _ => DataTypes.Int(),
        };
        return type.NotNull();
    }

    /// <summary>A call as the binder would present it: NOT NULL operands, no literals, in a grouped aggregation.</summary>
    private sealed class ProbeCall(FunctionDefinition function, IReadOnlyList<DataType> types, IReadOnlyList<string?> symbols) : CallContext
    {
        public override FunctionDefinition Function => function;

        public override IReadOnlyList<DataType> OperandTypes => types;

        public override SourceSpan Span => SourceSpan.None;

        public override int GroupCount => function.Kind == FunctionKind.Aggregate ? 1 : -1;

        public override bool TryGetLiteral(int index, out object? value)
        {
            value = null;
            return false;
        }

        public override string? SymbolAt(int index) => symbols[index];
    }

    /// <summary>The repository root (see <see cref="Sluice.Testing.RepositoryRoot"/>).</summary>
    public static string FindRepositoryRoot() => Sluice.Testing.RepositoryRoot.Find(typeof(ReferenceDocsGenerator).Assembly);
}
