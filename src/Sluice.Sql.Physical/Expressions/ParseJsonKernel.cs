using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Variants;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>PARSE_JSON(s [, allowDuplicateKeys])</c> and <c>TRY_PARSE_JSON</c>, as Flink's: the JSON text as a
/// <c>VARIANT</c> (<see cref="VariantBuilder"/>). Invalid JSON, or a key repeated in one object unless
/// <c>allowDuplicateKeys</c> is TRUE (then the last one wins), fails the job — or is NULL for <c>TRY_PARSE_JSON</c>.
/// NULL for a NULL string; a NULL <c>allowDuplicateKeys</c> counts as FALSE.
/// </summary>
internal sealed class ParseJsonKernel : Kernel
{
    private readonly Kernel _text;
    private readonly Kernel? _allowDuplicates;
    private readonly bool _isTry;
    private readonly VariantBuilder _builder = new();

    public ParseJsonKernel(Kernel text, Kernel? allowDuplicates, bool isTry, DataType type)
        : base(type, allowDuplicates is null ? [text] : [text, allowDuplicates])
    {
        _text = text;
        _allowDuplicates = allowDuplicates;
        _isTry = isTry;
    }

    /// <inheritdoc />
    protected override bool SelfMayFail => !_isTry;

    /// <inheritdoc />
    public override ColumnVector Evaluate(in Frame frame)
    {
        using var texts = _text.Evaluate(frame);
        using var flags = _allowDuplicates?.Evaluate(frame);
        var strings = (BytesVector)texts;
        var rows = frame.Count;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var allow = flags is BooleanVector allowed && !allowed.IsNull(i) && allowed[i];
            var text = strings.GetBytes(i);
            if (_builder.TryParseJson(text, allow, out var error))
            {
                builder.Append(_builder.Result);
            }
            else if (_isTry)
            {
                builder.AppendNull();
            }
            else
            {
                var shown = Encoding.UTF8.GetString(text);
                if (shown.Length > 200)
                {
                    shown = string.Concat(shown.AsSpan(0, 200), "...");
                }

                throw new SluiceException(
                    $"PARSE_JSON failed to parse '{shown}' into a VARIANT: {error} (TRY_PARSE_JSON returns NULL instead).",
                    ErrorDomain.User);
            }
        }

        return builder.Build();
    }
}
