using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>The pattern simulation: one step per row, time-outs, and the choice of the matches to emit.</summary>
internal sealed partial class MatchRecognizeOperator
{
    /// <summary>
    /// Row <paramref name="sequence"/> (at <paramref name="time"/>, already buffered) extends the partial matches whose
    /// waiting variable's condition it meets, and starts new ones; then the decided matches are emitted.
    /// </summary>
    private void Step(MatchRun run, long sequence, long time)
    {
        var state = run.State;
        var program = _spec.Program;
        PruneByTime(run, time);
        var threads = state.Threads;
        if (sequence >= state.NextStart)
        {
            var starts = new List<int>();
            program.Closure(0, starts);
            threads = [.. threads, .. starts.Select(pc => new MatchThread(sequence, pc, [], program[pc].Op == MatchOpCode.Match))];
        }

        // Evaluate every waiting thread's condition with this row, grouped by variable (one batch per variable).
        var results = new bool[threads.Count];
        var byVariable = new Dictionary<int, List<int>>();
        for (var i = 0; i < threads.Count; i++)
        {
            if (threads[i].Complete)
            {
                continue;
            }

            var variable = program[threads[i].Pc].Variable;
            if (!byVariable.TryGetValue(variable, out var list))
            {
                list = [];
                byVariable.Add(variable, list);
            }

            list.Add(i);
        }

        var now = Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (variable, indexes) in byVariable)
        {
            var views = indexes.Select(i => new MatchView(threads[i].Start, Extended(threads[i].Variables, variable))).ToList();
            var holds = _slots.Define(variable, views, run, now);
            for (var k = 0; k < indexes.Count; k++)
            {
                results[indexes[k]] = holds[k];
            }
        }

        var next = new List<MatchThread>(threads.Count);
        var successors = new List<int>();
        long completedStart = -1;
        foreach (var (thread, index) in threads.Select((t, i) => (t, i)))
        {
            if (thread.Start == completedStart)
            {
                // A more preferred match of this start row is complete: the less preferred ones cannot win.
                continue;
            }

            if (thread.Complete)
            {
                next.Add(thread);
                completedStart = thread.Start;
                continue;
            }

            if (!results[index])
            {
                continue;
            }

            var variables = Extended(thread.Variables, program[thread.Pc].Variable);
            successors.Clear();
            program.Closure(thread.Pc + 1, successors);
            foreach (var pc in successors)
            {
                var complete = program[pc].Op == MatchOpCode.Match;
                next.Add(new MatchThread(thread.Start, pc, variables, complete));
                if (complete)
                {
                    completedStart = thread.Start;
                    break;
                }
            }
        }

        state.Threads = next;
        Resolve(run);
    }

    /// <summary>With <c>WITHIN</c>: drops the partial matches whose first row is more than the interval before <paramref name="time"/>.</summary>
    private void PruneByTime(MatchRun run, long time)
    {
        if (_spec.WithinMillis is not { } within)
        {
            return;
        }

        var state = run.State;
        state.Threads = state.Threads.Where(t => t.Complete || time - state.Row(t.Start).Time <= within).ToList();
    }

    /// <summary>
    /// Emits the most preferred match of the earliest start row once nothing more preferred can still complete, moves the
    /// search on by the skip strategy (dropping partial matches that start before it), and repeats.
    /// </summary>
    private void Resolve(MatchRun run)
    {
        var state = run.State;
        while (state.Threads.Count > 0 && state.Threads[0].Complete)
        {
            var match = state.Threads[0];
            var builder = _output ??= new RecordBatchBuilder(_spec.OutputSchema, 64);
            _slots.AppendMeasures(new MatchView(match.Start, match.Variables), run, Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), builder);
            builder.AppendRowKind(RowKind.Insert);
            var next = NextStart(match);
            state.NextStart = Math.Max(state.NextStart, next);
            state.Threads = state.Threads.Where(t => t.Start >= next).ToList();
        }
    }

    /// <summary>Where the search goes on after <paramref name="match"/> (Flink fails when a skip target is missing or loops).</summary>
    private long NextStart(MatchThread match)
    {
        var variable = _spec.SkipVariable;
        switch (_spec.Skip)
        {
            case MatchSkipKind.PastLastRow:
                return match.End + 1;
            case MatchSkipKind.ToNextRow:
                return match.Start + 1;
        }

        var index = _spec.Skip == MatchSkipKind.ToFirst
            ? Array.IndexOf(match.Variables, (byte)variable)
            : Array.LastIndexOf(match.Variables, (byte)variable);
        var kind = _spec.Skip == MatchSkipKind.ToFirst ? "FIRST" : "LAST";
        if (index < 0)
        {
            throw new SluiceException(
                $"AFTER MATCH SKIP TO {kind} {_spec.Variables[variable]}: the match has no row mapped to {_spec.Variables[variable]}", ErrorDomain.User);
        }

        if (index == 0)
        {
            throw new SluiceException(
                $"AFTER MATCH SKIP TO {kind} {_spec.Variables[variable]} would start the next match at the first row of this match (an infinite loop)", ErrorDomain.User);
        }

        return match.Start + index;
    }

    private static byte[] Extended(byte[] variables, int variable)
    {
        var extended = new byte[variables.Length + 1];
        variables.CopyTo(extended, 0);
        extended[^1] = (byte)variable;
        return extended;
    }
}
