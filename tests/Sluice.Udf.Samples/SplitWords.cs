using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>
/// Splits a text into words with their positions: <c>LATERAL TABLE(split_words(text))</c>. NULL or blank text gives no
/// rows. With a separator, the rows are returned instead of collected.
/// </summary>
public sealed class SplitWords : TableFunction<WordPosition>
{
    /// <summary>Collects one row per word (split at spaces).</summary>
    public void Eval(string? text)
    {
        if (text is null)
        {
            return;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            Collect(new WordPosition(words[i], i));
        }
    }

    /// <summary>Returns one row per word (split at <paramref name="separator"/>).</summary>
    public IEnumerable<WordPosition> Eval(string text, string separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select((w, i) => new WordPosition(w, i));
}
