using System.Collections.Concurrent;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Faults;

/// <summary>
/// A two-phase-commit sink decorator that injects failures around commits, for crash tests: the point
/// <c>"commit-before"</c> before the inner committer commits (nothing of the call is committed) and
/// <c>"commit-after"</c> after it committed (everything is committed, but the job does not learn it). Writers and
/// everything else are delegated unchanged.
/// </summary>
/// <remarks>
/// With <c>spareAfterEndOfInput</c> the committer of a subtask stops injecting once that subtask's writer reached the
/// end of its input, so that a test can keep random failures away from the final checkpoint's commit.
/// <b>Threading.</b> Writers and committers are called on their sink task's thread; the injector is thread-safe.
/// </remarks>
/// <typeparam name="TCommittable">The inner sink's committable type.</typeparam>
public sealed class FaultInjectingSink<TCommittable> : ISink<TCommittable>
{
    /// <summary>The failure point called before delegating a commit.</summary>
    public const string CommitBeforePoint = "commit-before";

    /// <summary>The failure point called after delegating a commit.</summary>
    public const string CommitAfterPoint = "commit-after";

    private readonly ISink<TCommittable> _inner;
    private readonly FailureInjector _injector;
    private readonly bool _spareAfterEndOfInput;
    private readonly ConcurrentDictionary<(string AttemptId, int Subtask), bool> _finished = new();

    /// <summary>Wraps <paramref name="inner"/>, failing where <paramref name="injector"/> decides.</summary>
    /// <param name="inner">The sink that does the work.</param>
    /// <param name="injector">Decides when to fail.</param>
    /// <param name="spareAfterEndOfInput">Do not inject into a subtask's commits once its writer finished its input.</param>
    public FaultInjectingSink(ISink<TCommittable> inner, FailureInjector injector, bool spareAfterEndOfInput = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(injector);
        _inner = inner;
        _injector = injector;
        _spareAfterEndOfInput = spareAfterEndOfInput;
    }

    /// <inheritdoc />
    public ITypeSerializer<TCommittable> CommittableSerializer => _inner.CommittableSerializer;

    /// <inheritdoc />
    public ISinkWriter<TCommittable> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Writer(this, _inner.CreateWriter(context), (context.AttemptId, context.SubtaskIndex));
    }

    /// <inheritdoc />
    public ISinkCommitter<TCommittable> CreateCommitter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Committer(this, _inner.CreateCommitter(context), (context.AttemptId, context.SubtaskIndex));
    }

    private sealed class Writer(FaultInjectingSink<TCommittable> owner, ISinkWriter<TCommittable> inner, (string, int) subtask)
        : ISinkWriter<TCommittable>
    {
        public void Write(IBatch batch) => inner.Write(batch);

        public IReadOnlyList<TCommittable> PrepareCommit(long checkpointId) => inner.PrepareCommit(checkpointId);

        public void Finish()
        {
            inner.Finish();
            owner._finished[subtask] = true;
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class Committer(FaultInjectingSink<TCommittable> owner, ISinkCommitter<TCommittable> inner, (string, int) subtask)
        : ISinkCommitter<TCommittable>
    {
        public void Commit(IReadOnlyList<TCommittable> committables)
        {
            var inject = !(owner._spareAfterEndOfInput && owner._finished.ContainsKey(subtask));
            if (inject)
            {
                owner._injector.MaybeFail(CommitBeforePoint);
            }

            inner.Commit(committables);
            if (inject)
            {
                owner._injector.MaybeFail(CommitAfterPoint);
            }
        }

        public void AbortLeftovers(string currentAttemptId) => inner.AbortLeftovers(currentAttemptId);
    }
}
