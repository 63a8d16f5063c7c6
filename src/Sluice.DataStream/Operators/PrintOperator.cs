using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Writes every element as a line (<c>prefix&gt; element</c>, with the subtask index when the parallelism is above 1), like
/// Flink's <c>print()</c>. Not transactional: for watching a job, not for exactly-once output.
/// </summary>
internal sealed class PrintOperator<T>(TextWriter writer, string? prefix) : StreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<T>(batch, out var input))
        {
            return;
        }

        try
        {
            var head = Context.Parallelism > 1
                ? $"{prefix}{(prefix is null ? "" : ":")}{Context.SubtaskIndex + 1}> "
                : prefix is null ? "" : prefix + "> ";
            var lines = new System.Text.StringBuilder();
            foreach (var item in input.Items)
            {
                lines.Append(head).Append(Convert.ToString(item, CultureInfo.InvariantCulture)).Append('\n');
            }

            lock (writer)
            {
                writer.Write(lines.ToString());
                writer.Flush();
            }
        }
        finally
        {
            input.Dispose();
        }
    }
}
