using Sluice.Core.Errors;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// A row pattern compiled to a program for a backtracking-free simulation with preferences (a Pike VM): variables
/// consume rows, splits fork in order of preference (greedy quantifiers prefer one more repetition, reluctant ones one
/// fewer; earlier alternatives first), counted quantifiers are unrolled. Immutable and thread-safe.
/// </summary>
public sealed class MatchProgram
{
    /// <summary>The most instructions a pattern may unroll to.</summary>
    public const int MaxInstructions = 100_000;

    private readonly MatchInstruction[] _instructions;

    private MatchProgram(MatchInstruction[] instructions) => _instructions = instructions;

    /// <summary>The number of instructions.</summary>
    public int Length => _instructions.Length;

    internal MatchInstruction this[int pc] => _instructions[pc];

    /// <summary>Compiles <paramref name="pattern"/> whose variables are named by <paramref name="variables"/>.</summary>
    /// <exception cref="SluiceException">The pattern unrolls to more than <see cref="MaxInstructions"/> instructions.</exception>
    public static MatchProgram Compile(RowPattern pattern, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(variables);
        var code = new List<MatchInstruction>();
        Emit(pattern, variables, code);
        code.Add(new MatchInstruction(MatchOpCode.Match, -1, 0, 0));
        return new MatchProgram([.. code]);
    }

    /// <summary>
    /// The instructions reachable from <paramref name="pc"/> without consuming a row that consume one or complete the
    /// pattern, in order of preference; each instruction at most once.
    /// </summary>
    internal void Closure(int pc, List<int> output)
    {
        var visited = new bool[_instructions.Length];
        var stack = new Stack<int>();
        stack.Push(pc);
        while (stack.Count > 0)
        {
            var at = stack.Pop();
            if (visited[at])
            {
                continue;
            }

            visited[at] = true;
            var instruction = _instructions[at];
            switch (instruction.Op)
            {
                case MatchOpCode.Variable or MatchOpCode.Match:
                    output.Add(at);
                    break;
                case MatchOpCode.Jump:
                    stack.Push(instruction.X);
                    break;
                default:
                    // Y is pushed first so that X (preferred) is explored first.
                    stack.Push(instruction.Y);
                    stack.Push(instruction.X);
                    break;
            }
        }
    }

    private static void Emit(RowPattern pattern, IReadOnlyList<string> variables, List<MatchInstruction> code)
    {
        if (code.Count > MaxInstructions)
        {
            throw new SluiceException($"The row pattern {pattern} is too large: it unrolls to more than {MaxInstructions} steps", ErrorDomain.User);
        }

        switch (pattern)
        {
            case RowPatternVariable variable:
            {
                var index = variables.ToList().IndexOf(variable.Name.Value);
                if (index < 0)
                {
                    throw new ArgumentException($"The pattern variable {variable.Name.Value} is not in the list.", nameof(variables));
                }

                code.Add(new MatchInstruction(MatchOpCode.Variable, index, 0, 0));
                break;
            }

            case RowPatternConcatenation concatenation:
                foreach (var item in concatenation.Items)
                {
                    Emit(item, variables, code);
                }

                break;
            case RowPatternAlternation alternation:
            {
                var jumps = new List<int>();
                for (var i = 0; i < alternation.Alternatives.Count - 1; i++)
                {
                    var split = code.Count;
                    code.Add(default);
                    Emit(alternation.Alternatives[i], variables, code);
                    jumps.Add(code.Count);
                    code.Add(default);
                    code[split] = new MatchInstruction(MatchOpCode.Split, -1, split + 1, code.Count);
                }

                Emit(alternation.Alternatives[^1], variables, code);
                foreach (var jump in jumps)
                {
                    code[jump] = new MatchInstruction(MatchOpCode.Jump, -1, code.Count, 0);
                }

                break;
            }

            case RowPatternQuantified quantified:
            {
                for (var i = 0; i < quantified.Min; i++)
                {
                    Emit(quantified.Pattern, variables, code);
                }

                if (quantified.Max is not { } max)
                {
                    var loop = code.Count;
                    code.Add(default);
                    Emit(quantified.Pattern, variables, code);
                    code.Add(new MatchInstruction(MatchOpCode.Jump, -1, loop, 0));
                    code[loop] = SplitOf(loop + 1, code.Count, quantified.Reluctant);
                    break;
                }

                var splits = new List<int>();
                for (var i = quantified.Min; i < max; i++)
                {
                    splits.Add(code.Count);
                    code.Add(default);
                    Emit(quantified.Pattern, variables, code);
                }

                foreach (var split in splits)
                {
                    code[split] = SplitOf(split + 1, code.Count, quantified.Reluctant);
                }

                break;
            }

            default:
                throw new ArgumentException($"Unknown row pattern {pattern.GetType().Name}.", nameof(pattern));
        }
    }

    private static MatchInstruction SplitOf(int body, int exit, bool reluctant) =>
        reluctant ? new MatchInstruction(MatchOpCode.Split, -1, exit, body) : new MatchInstruction(MatchOpCode.Split, -1, body, exit);
}
